import { describe, expect, it } from "vitest";
import { appShellFor } from "../../api/lib/app-shell";
import { allowedMethods } from "../../api/middleware/errors";

describe("appShellFor", () => {
  it.each([
    ["/", "/"],
    ["/some/route", "/"],
    ["/resumes/abc-123/edit", "/"],
    ["/administrator", "/"],
    ["/admin", "/admin/"],
    ["/admin/", "/admin/"],
    ["/admin/x", "/admin/"],
    ["/admin/workflows/backup-1", "/admin/"],
  ])("serves the app shell for the client route %s", (path, shell) => {
    expect(appShellFor(path)).toBe(shell);
  });

  it.each([
    "/_build/x.js",
    "/_build/assets/chunk",
    "/admin/_build/x",
    "/admin/_build/x.css",
    "/vendor/swagger-ui/missing",
    "/favicon.ico",
    "/admin/manifest.webmanifest",
    "/some/route/file.txt",
  ])("answers %s with a real 404 (null), never HTML", (path) => {
    expect(appShellFor(path)).toBeNull();
  });
});

describe("allowedMethods", () => {
  const routes = [
    { method: "ALL", path: "*" },
    { method: "ALL", path: "/api/admin/backups" },
    { method: "GET", path: "/api/health" },
    { method: "GET", path: "/api/admin/backups" },
    { method: "POST", path: "/api/admin/backups" },
    { method: "GET", path: "/api/jobs/:id" },
    { method: "POST", path: "/api/admin/workflows/:id/:action" },
    { method: "DELETE", path: "/api/files/*" },
    { method: "GET", path: "/api/v1.0/x" },
  ];

  it("lists every method routed on a path, adding HEAD for GET, sorted", () => {
    expect(allowedMethods(routes, "/api/health")).toEqual(["GET", "HEAD"]);
    expect(allowedMethods(routes, "/api/admin/backups")).toEqual(["GET", "HEAD", "POST"]);
  });

  it("accepts a trailing slash", () => {
    expect(allowedMethods(routes, "/api/health/")).toEqual(["GET", "HEAD"]);
  });

  it("matches path parameters within one segment only", () => {
    expect(allowedMethods(routes, "/api/jobs/abc")).toEqual(["GET", "HEAD"]);
    expect(allowedMethods(routes, "/api/jobs/abc/def")).toEqual([]);
    expect(allowedMethods(routes, "/api/jobs/")).toEqual([]);
    expect(allowedMethods(routes, "/api/admin/workflows/r1/pause")).toEqual(["POST"]);
  });

  it("matches a wildcard across segments", () => {
    expect(allowedMethods(routes, "/api/files/a/b.pdf")).toEqual(["DELETE"]);
  });

  it("ignores middleware (ALL) entries, so unknown paths get nothing", () => {
    expect(allowedMethods(routes, "/api/nothing")).toEqual([]);
    expect(allowedMethods([{ method: "ALL", path: "/api/x" }], "/api/x")).toEqual([]);
  });

  it("treats dots in route paths literally", () => {
    expect(allowedMethods(routes, "/api/v1.0/x")).toEqual(["GET", "HEAD"]);
    expect(allowedMethods(routes, "/api/v1x0/x")).toEqual([]);
  });
});
