import { env } from "cloudflare:test";
import { expect, it } from "vitest";

// The BROWSER binding is the one PDF code path (@cloudflare/puppeteer launches through it).
// Locally Miniflare starts Chrome from wrangler's cache, where scripts/lib/chromium.mjs puts
// a wrapper around Debian's Chromium; without it Miniflare would try to download Chrome.
it("launches Chromium through the BROWSER binding without downloading anything", async () => {
  const response = await env.BROWSER.fetch("https://fake.host/v1/acquire");
  expect(response.status).toBe(200);
  const { sessionId } = await response.json<{ sessionId: string }>();
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
});
