import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../api/app-env";
import { handleError } from "../../api/middleware/errors";
import { createDb } from "../../db/client";
import { postJson, signedInPerson } from "./auth-support";
import { api, countRows } from "./helpers";

const resumesOf = (userId: string) =>
  countRows("SELECT count(*) AS n FROM resumes WHERE user_id = ?", userId);

/** `{"title":…,"data":{"extra":[[[…]]]}}` with the brackets written as text, never built. */
const nestedBody = (depth: number) =>
  `{"title":"Deep","data":{"extra":${"[".repeat(depth)}${"]".repeat(depth)}}}`;

const jsonRequest = (body: BodyInit, headers: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body,
});

describe("request body size", () => {
  it("answers a 2.2 MB body with 413 payload_too_large in the envelope, signed in or not", async () => {
    const person = await signedInPerson();
    const big = JSON.stringify({ title: "Big", data: { basics: { x: "a".repeat(2_200_000) } } });
    for (const [path, headers] of [
      ["/api/resumes", person.headers],
      ["/api/auth/login", {}],
      ["/api/stripe/webhook", {}],
    ] as const) {
      const answer = await api(path, jsonRequest(big, headers));
      expect(answer.status, path).toBe(413);
      expect(answer.body).toMatchObject({
        success: false,
        error: { code: "payload_too_large", details: { max_bytes: 1_000_000 } },
        meta: { request_id: expect.any(String) },
      });
    }
    expect(await resumesOf(person.userId)).toBe(0);
  });

  it("refuses a body sent without Content-Length once it passes the cap", async () => {
    const person = await signedInPerson();
    const encoder = new TextEncoder();
    // All of it queued up front, so the stream is finished when the Worker stops reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"title":"t","x":['));
        for (let i = 0; i < 8; i++)
          controller.enqueue(encoder.encode(`"${"a".repeat(256 * 1024)}",`));
        controller.enqueue(encoder.encode('""]}'));
        controller.close();
      },
    });
    const answer = await api("/api/resumes", jsonRequest(stream, person.headers));
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe("payload_too_large");
  });

  it("holds POST /api/resumes to the document cap import has: 1.5 MB is 413 on both", async () => {
    const person = await signedInPerson();
    const document = { basics: { name: "Ada" }, extension: "a".repeat(1_500_000) };
    const created = await api(
      "/api/resumes",
      postJson({ title: "Too big", data: document }, person.headers),
    );
    expect(created.status).toBe(413);
    expect(created.body.error.code).toBe("payload_too_large");
    const imported = await api("/api/resumes/import", postJson(document, person.headers));
    expect(imported.status).toBe(413);
    expect(imported.body.error.code).toBe("payload_too_large");
    expect(await resumesOf(person.userId)).toBe(0);

    // Just under the cap is still a resume.
    const fits = await api(
      "/api/resumes",
      postJson(
        { title: "Fits", data: { basics: { name: "Ada" }, extension: "a".repeat(900_000) } },
        person.headers,
      ),
    );
    expect(fits.status, JSON.stringify(fits.body).slice(0, 300)).toBe(201);
  });
});

describe("JSON nesting", () => {
  it("refuses a deeply nested value before parsing it, and stores nothing", async () => {
    const person = await signedInPerson();
    // 10,000 deep: refused by the nesting check (400), not stored, not parsed.
    const deep = await api("/api/resumes", jsonRequest(nestedBody(10_000), person.headers));
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatchObject({
      code: "validation_failed",
      details: [{ location: "json", message: "Nested deeper than 20 levels" }],
    });
    // 450,000 deep (900 kB of brackets, under the size cap): the same, in one pass.
    const deeper = await api("/api/resumes", jsonRequest(nestedBody(450_000), person.headers));
    expect(deeper.status).toBe(400);
    expect(deeper.body.error.code).toBe("validation_failed");
    // 1,000,000 deep is 2 MB of brackets: over the size cap before anything reads it.
    const million = await api("/api/resumes", jsonRequest(nestedBody(1_000_000), person.headers));
    expect(million.status).toBe(413);
    expect(await resumesOf(person.userId)).toBe(0);
  });

  it("brackets inside strings are text, not nesting", async () => {
    const person = await signedInPerson();
    const created = await api(
      "/api/resumes",
      postJson(
        { title: "[[[[", data: { basics: { summary: "[{".repeat(2_000) } } },
        person.headers,
      ),
    );
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
  });

  it("caps the document itself at 16 levels, on every way in", async () => {
    const person = await signedInPerson();
    // 17 levels inside the document (18 in the body): under the body's cap, over the document's.
    let extra: unknown = "leaf";
    for (let i = 0; i < 16; i++) extra = [extra];
    const document = { basics: { name: "Ada" }, extra };
    const created = await api(
      "/api/resumes",
      postJson({ title: "Deep", data: document }, person.headers),
    );
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe("validation_failed");
    expect(JSON.stringify(created.body.error.details)).toContain(
      "The document nests deeper than 16 levels",
    );

    const imported = await api("/api/resumes/import", postJson(document, person.headers));
    expect(imported.status).toBe(400);
    expect(imported.body.error.code).toBe("validation_failed");

    const form = new FormData();
    form.set(
      "file",
      new File([`{"extra":${"[".repeat(100_000)}${"]".repeat(100_000)}}`], "deep.json", {
        type: "application/json",
      }),
    );
    const file = await api("/api/resumes/import", {
      method: "POST",
      headers: person.headers,
      body: form,
    });
    expect(file.status).toBe(400);
    expect(file.body.error).toMatchObject({
      code: "validation_failed",
      details: [{ location: "file", message: "Nested deeper than 16 levels" }],
    });
    expect(await resumesOf(person.userId)).toBe(0);

    // 16 levels is a document.
    const fits = await api(
      "/api/resumes",
      postJson({ title: "Fits", data: { extra: (extra as unknown[])[0] } }, person.headers),
    );
    expect(fits.status, JSON.stringify(fits.body).slice(0, 300)).toBe(201);
  });
});

describe("a value too big for D1", () => {
  it("is answered 413 payload_too_large, not 500", async () => {
    // D1 refuses a string or blob over its limit (SQLITE_TOOBIG); drizzle wraps the error.
    const app = new Hono<AppEnv>()
      .get("/raw", async (c) => {
        await env.DB.prepare("SELECT length(zeroblob(?)) AS n").bind(3_000_000_000).first();
        return c.text("stored");
      })
      .get("/drizzle", async (c) => {
        await createDb(env.DB).run(sql`SELECT length(zeroblob(${3_000_000_000})) AS n`);
        return c.text("stored");
      });
    app.onError(handleError);
    for (const path of ["/raw", "/drizzle"]) {
      const response = await app.request(path, {}, env);
      expect(response.status, path).toBe(413);
      expect(await response.json()).toMatchObject({
        success: false,
        error: { code: "payload_too_large", message: "This is too large to be saved" },
      });
    }
  });
});
