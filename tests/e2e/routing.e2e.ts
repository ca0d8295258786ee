import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./support/browser";
import { signInAsOperator } from "./support/operator";

const baseUrl = inject("baseUrl");
const opsToken = inject("opsToken");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const SECURITY_HEADERS = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

describe("routing and static files", () => {
  it("serves the admin app for a deep link under /admin", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await signInAsOperator(page, opsToken);
      await page.goto("/admin/backups");
      await page.getByRole("heading", { level: 1, name: "Backups" }).waitFor();
      expect(await page.getByRole("link", { name: "Resume Builder Admin" }).count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("serves the user app for an unknown client route, which shows its not-found page", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      const response = await page.goto("/some/client/route");
      expect(response?.headers()["content-type"]).toContain("text/html");
      await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
      expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(1);
      expect(await page.getByRole("link", { name: "Resume Builder Admin" }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("renders the API reference from the OpenAPI document under the CSP", async () => {
    const { page, problems, close } = await openPage(browser, { baseUrl });
    try {
      await page.goto("/api/docs");
      await page.getByRole("heading", { name: /Resume Builder API/ }).waitFor();
      await page.locator(".opblock").first().waitFor();
      const operations = await page.locator(".opblock-summary-path").allTextContents();
      expect(operations).toEqual(
        expect.arrayContaining(["/health", "/jobs/{id}", "/admin/backups"]),
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("answers a missing build file with a 404 that is not the app's HTML", async () => {
    for (const path of ["/_build/missing.js", "/admin/_build/assets/missing.css"]) {
      const response = await fetch(new URL(path, baseUrl));
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type") ?? "", path).not.toContain("text/html");
      expect(await response.text(), path).not.toContain("<html");
    }
  });

  it("sends the security headers and caches hashed build files for a year", async () => {
    const page = await fetch(new URL("/", baseUrl));
    expect(page.status).toBe(200);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(page.headers.get(name), name).toBe(value);
    }
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");

    const html = await page.text();
    const script = html.match(/<script type="module" src="([^"]+)"/)?.[1];
    expect(script).toMatch(/^\/_build\//);
    const asset = await fetch(new URL(script ?? "/", baseUrl));
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
