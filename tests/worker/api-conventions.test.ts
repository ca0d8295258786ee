import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, opsHeaders } from "./helpers";

describe("API conventions", () => {
  it("GET /api/health answers 200 in the envelope with every binding", async () => {
    const { status, body, response } = await api("/api/health");
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.data.status).toBe("ok");
    expect(body.meta.request_id).toBe(response.headers.get("x-request-id"));
    expect(body.meta.version).toBe("0.1.0");
    expect(body.data.bindings.DB.status).toBe("ok");
    expect(body.data.bindings.FILES.status).toBe("ok");
    expect(body.data.bindings.BACKUP_WORKFLOW.status).toBe("ok");
    expect(body.data.bindings.AI.status).toBe("not_configured");
  });

  it("shows binding details and latencies to operators only", async () => {
    const anonymous = await api("/api/health");
    for (const binding of Object.values(anonymous.body.data.bindings)) {
      expect(Object.keys(binding as object)).toEqual(["status"]);
    }
    const operator = await api("/api/health", { headers: opsHeaders });
    expect(operator.body.data.bindings.DB.latency_ms).toEqual(expect.any(Number));
    expect(operator.body.data.bindings.AI.detail).toContain("heuristic");
  });

  it("sets security headers on API responses", async () => {
    const { response } = await api("/api/health");
    expect(response.headers.get("strict-transport-security")).toContain("max-age=");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    // the editor's live preview (a srcdoc frame under this policy) shows a resume photo given
    // as an https address, as the exported PDF and the public page do
    expect(response.headers.get("content-security-policy")).toContain(
      "img-src 'self' data: blob: https:;",
    );
    expect(response.headers.get("permissions-policy")).toContain("geolocation=()");
  });

  it("keeps a well-formed incoming request id and replaces a malformed one", async () => {
    const kept = await api("/api/health", { headers: { "X-Request-Id": "trace-1234567890" } });
    expect(kept.response.headers.get("x-request-id")).toBe("trace-1234567890");
    const replaced = await api("/api/health", { headers: { "X-Request-Id": "bad id<script>" } });
    expect(replaced.response.headers.get("x-request-id")).not.toBe("bad id<script>");
  });

  it("answers an unknown /api route with a JSON 404 envelope", async () => {
    const { status, body } = await api("/api/nope/nothing");
    expect(status).toBe(404);
    expect(body).toMatchObject({ success: false, error: { code: "not_found" } });
    expect(body.meta.request_id).toEqual(expect.any(String));
  });

  it("answers a known path with the wrong method with 405 and Allow", async () => {
    const { status, body, response } = await api("/api/health", { method: "DELETE" });
    expect(status).toBe(405);
    expect(body.error.code).toBe("method_not_allowed");
    expect(response.headers.get("allow")).toContain("GET");
  });

  it("rejects a zod failure with 400 and the issues in error.details", async () => {
    const { status, body } = await api("/api/admin/backups?page=0&per_page=1000", {
      headers: opsHeaders,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect(Array.isArray(body.error.details)).toBe(true);
    const paths = body.error.details.map((issue: { path: string[] }) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["page", "per_page"]));
  });

  it("rejects a malformed JSON body with 400 invalid_json and writes nothing", async () => {
    const { status, body } = await api("/api/admin/backups", {
      method: "POST",
      headers: { ...opsHeaders, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ success: false, error: { code: "invalid_json" } });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM jobs").first("n")).toBe(0);
  });

  it("rejects a body that fails its schema with the zod issues and writes nothing", async () => {
    const { status, body } = await api("/api/admin/backups", {
      method: "POST",
      headers: { ...opsHeaders, "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "", extra: true }),
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.length).toBeGreaterThanOrEqual(2);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM jobs").first("n")).toBe(0);
  });

  it("requires credentials and rejects a wrong bearer token", async () => {
    expect((await api("/api/admin/backups")).status).toBe(401);
    const wrong = await api("/api/admin/backups", { headers: { Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("unauthorized");
  });

  it("allows CORS only for configured origins", async () => {
    const allowed = await api("/api/health", { headers: { Origin: "http://127.0.0.1:8787" } });
    expect(allowed.response.headers.get("access-control-allow-origin")).toBe(
      "http://127.0.0.1:8787",
    );
    const other = await api("/api/health", { headers: { Origin: "https://evil.example" } });
    expect(other.response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves the OpenAPI document generated from the zod schemas and a reference page", async () => {
    const { status, body } = await api("/api/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(["/health", "/jobs/{id}", "/admin/backups", "/admin/workflows"]),
    );
    expect(body.components.schemas.Job).toBeDefined();
    const docs = await api("/api/docs");
    expect(docs.status).toBe(200);
    expect(docs.body).toContain("swagger-ui-bundle.js");
  });
});
