import { describe, expect, it } from "vitest";
import { api } from "./helpers";

// Routers are mounted under URL prefixes in api/app.ts and their own paths are relative, so a
// wrong prefix would leave a documented operation unserved (or served somewhere else). Every
// operation in the OpenAPI document must reach its handler at the documented URL: whatever
// it answers without credentials or a body (400, 401, 403, 409…), it is not the "no route"
// 404 or a 405.
describe("the URL map", () => {
  it("serves every documented operation at its documented URL", async () => {
    const { body: doc } = await api("/api/openapi.json");
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => ({ path, method })),
    );
    expect(operations.length).toBeGreaterThan(60);
    const unserved: string[] = [];
    for (const { path, method } of operations) {
      const url = `/api${path.replace(/\{[^}]+\}/g, "x")}`;
      const init: RequestInit = { method: method.toUpperCase() };
      if (method !== "get" && method !== "delete") {
        init.body = "{}";
        init.headers = { "Content-Type": "application/json" };
      }
      const { status, body } = await api(url, init);
      const noRoute = status === 404 && /^No API route matches/.test(body?.error?.message ?? "");
      if (noRoute || status === 405) unserved.push(`${method.toUpperCase()} ${url} → ${status}`);
    }
    expect(unserved).toEqual([]);
  });

  it("answers an undocumented URL under a mounted prefix with the no-route 404", async () => {
    const { status, body } = await api("/api/admin/backups/x/y/z");
    expect(status).toBe(404);
    expect(body.error.message).toMatch(/^No API route matches/);
  });
});
