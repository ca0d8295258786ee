import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { api, opsHeaders } from "./helpers";

// Its own file: it drops tables, and storage is shared by the tests of one file.
it("answers an unexpected failure with a generic 500 and no stack trace", async () => {
  await env.DB.exec("DROP TABLE job_events");
  await env.DB.exec("DROP TABLE jobs");
  const { status, body } = await api("/api/jobs/some-job", { headers: opsHeaders });
  expect(status).toBe(500);
  expect(body).toMatchObject({
    success: false,
    error: { code: "internal_error", details: null },
  });
  expect(JSON.stringify(body)).not.toMatch(/\.ts|at |no such table/);
});
