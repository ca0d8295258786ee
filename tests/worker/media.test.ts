import { env, SELF } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inspectPhoto } from "../../core/media/inspect-photo";
import { PHOTO_LIMITS } from "../../core/media/photo-rules";
import { sha256Hex } from "../../core/security/crypto";
import { renderResumeDocument } from "../../core/templates";
import { printableHtml } from "../../server/exports/export-assets";
import { removeStoredPhoto } from "../../server/media/photos";
import { rememberContent } from "../../server/moderation/hash-cache";
import { freshIp, postJson, signedInPerson } from "./auth-support";
import { IMAGES } from "./fixture-images";
import { api, countRows } from "./helpers";
import { waitForPublication } from "./moderation-support";

type Person = Awaited<ReturnType<typeof signedInPerson>>;

const SECRETS = [
  "EXIF-SECRET-ARTIST",
  "XMP-SECRET-CREATOR",
  "IPTC-SECRET-KEYWORD",
  "COM-SECRET-COMMENT",
  "PNG-TEXT-SECRET",
  "LeakyCam",
];
const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");

/** The upload as the app sends it: the file is the body, its declared type beside the point. */
const upload = (person: Person, path: string, body: BodyInit, type = "image/jpeg") =>
  api(path, {
    method: "POST",
    headers: { ...person.headers, "Content-Type": type, "CF-Connecting-IP": freshIp() },
    body,
  });

async function createResume(person: Person, data: Record<string, unknown> = {}) {
  const created = await api(
    "/api/resumes",
    postJson(
      { title: "Photo", data: { basics: { name: "Grace Hopper" }, ...data } },
      person.headers,
    ),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data.id as string;
}

const mediaRows = (userId: string) =>
  countRows("SELECT count(*) AS n FROM media WHERE user_id = ?", userId);

async function storedBytes(key: string): Promise<Uint8Array | null> {
  const object = await env.FILES.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

/** A served photo, read as bytes (the shared `api` helper reads text). */
async function fetchMedia(path: string, headers: Record<string, string> = {}) {
  const response = await SELF.fetch(`http://localhost${path}`, { headers });
  return { response, status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Public pages and exports show a photo once its content check let it go live. */
const waitForLive = (key: string) =>
  vi.waitFor(
    async () => {
      const row = await env.DB.prepare("SELECT moderation FROM media WHERE key = ?")
        .bind(key)
        .first<{ moderation: string }>();
      expect(row?.moderation).toBe("live");
    },
    { timeout: 15_000, interval: 100 },
  );

afterEach(() => {
  vi.restoreAllMocks();
});

// These tests are about storing and serving. Every upload also passes content moderation,
// which runs beside them: the fixtures are known good content, as if a moderator had approved
// them, so each goes live at once (tests/worker/moderation-photos.test.ts
// covers the checks themselves).
beforeAll(async () => {
  for (const image of Object.values(IMAGES)) {
    let stored: Uint8Array;
    try {
      stored = inspectPhoto(image).bytes;
    } catch {
      continue; // a fixture that is refused before storing
    }
    await rememberContent(env, await sha256Hex(stored), { verdict: "good", caseId: "fixture" });
  }
});

describe("photo uploads", () => {
  it("stores a JPEG avatar without its EXIF, XMP, IPTC or comment, and serves it", async () => {
    const person = await signedInPerson();
    expect(latin1(IMAGES.jpegExif)).toContain("EXIF-SECRET-ARTIST");
    // Declared as PNG: the bytes decide.
    const answer = await upload(person, "/api/profile/avatar", IMAGES.jpegExif, "image/png");
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const photo = answer.body.data;
    expect(photo).toMatchObject({
      kind: "avatar",
      content_type: "image/jpeg",
      width: 96,
      height: 80,
      url: `/media/${photo.key}`,
    });
    expect(photo.key).toMatch(new RegExp(`^${photo.sha256}-[0-9a-f]{32}\\.jpg$`));
    const stored = await storedBytes(photo.key);
    expect(stored?.length).toBe(photo.bytes);
    expect(stored?.length).toBeLessThan(IMAGES.jpegExif.length);
    for (const secret of SECRETS) expect(latin1(stored as Uint8Array)).not.toContain(secret);

    const served = await fetchMedia(photo.url);
    expect(served.status).toBe(200);
    expect(served.bytes).toEqual(stored);
    const headers = served.response.headers;
    expect(headers.get("content-type")).toBe("image/jpeg");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(headers.get("etag")).toBe(`"${photo.sha256}"`);
    const again = await fetchMedia(photo.url, { "If-None-Match": `"${photo.sha256}"` });
    expect(again.status).toBe(304);

    const current = await api("/api/profile/avatar", { headers: person.headers });
    const { moderation: _checking, ...described } = photo;
    expect(current.body.data.photo).toMatchObject(described);
  });

  it("stores PNG and WebP resume photos with their text, EXIF and XMP chunks removed", async () => {
    const person = await signedInPerson();
    const id = await createResume(person);
    for (const [image, type, size] of [
      [IMAGES.pngText, "image/png", [80, 64]],
      [IMAGES.webpExif, "image/webp", [72, 72]],
      [IMAGES.webpLossless, "image/webp", [72, 72]],
      [IMAGES.jpegProgressive, "image/jpeg", [96, 80]],
    ] as const) {
      const answer = await upload(
        person,
        `/api/resumes/${id}/photo`,
        image,
        "application/octet-stream",
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect(answer.body.data).toMatchObject({
        kind: "resume_photo",
        content_type: type,
        width: size[0],
        height: size[1],
      });
      const stored = (await storedBytes(answer.body.data.key)) as Uint8Array;
      for (const secret of SECRETS) expect(latin1(stored), type).not.toContain(secret);
      for (const chunk of ["tEXt", "iTXt", "eXIf", "tIME", "EXIF", "XMP "]) {
        expect(latin1(stored), `${type} ${chunk}`).not.toContain(chunk);
      }
      const served = await fetchMedia(answer.body.data.url);
      expect(served.bytes).toEqual(stored);
      expect(served.response.headers.get("content-type")).toBe(type);
    }
    // Each upload replaced the one before.
    expect(await mediaRows(person.userId)).toBe(1);
  });

  it("refuses what is not an accepted photo with a code the app can act on", async () => {
    const person = await signedInPerson();
    const cases = [
      [new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"), "unsupported_image"],
      [new TextEncoder().encode("GIF89a........"), "unsupported_image"],
      [IMAGES.jpegExif.subarray(0, 400), "invalid_image"],
      [IMAGES.pngTooSmall, "image_dimensions"],
      [IMAGES.pngTooManyPixels, "image_dimensions"],
    ] as const;
    for (const [body, code] of cases) {
      const answer = await upload(person, "/api/profile/avatar", body);
      expect(answer.status, code).toBe(400);
      expect(answer.body).toMatchObject({
        success: false,
        error: { code, details: { max_pixels: PHOTO_LIMITS.maxPixels } },
      });
    }
    const empty = await upload(person, "/api/profile/avatar", new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("validation_failed");
    expect(await mediaRows(person.userId)).toBe(0);
  });

  it("answers a body over 5 MB with 413 payload_too_large, storing nothing", async () => {
    const person = await signedInPerson();
    const big = new Uint8Array(PHOTO_LIMITS.maxBytes + 1);
    big.set(IMAGES.jpegExif);
    const answer = await upload(person, "/api/profile/avatar", big);
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({
      code: "payload_too_large",
      details: { max_bytes: PHOTO_LIMITS.maxBytes },
    });
    expect(await mediaRows(person.userId)).toBe(0);
    // Sent without Content-Length: refused once the stream passes the cap.
    const chunk = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(IMAGES.jpegExif);
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await upload(person, "/api/profile/avatar", stream);
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.code).toBe("payload_too_large");
    expect(await mediaRows(person.userId)).toBe(0);
    // Other routes keep their 1 MB cap.
    const json = await api(
      "/api/resumes",
      postJson({ title: "x", pad: "a".repeat(1_100_000) }, person.headers),
    );
    expect(json.status).toBe(413);
  });

  it("is 404 for someone else's resume, a resume in the bin, or none at all", async () => {
    const owner = await signedInPerson();
    const stranger = await signedInPerson();
    const id = await createResume(owner);
    const stolen = await upload(stranger, `/api/resumes/${id}/photo`, IMAGES.pngText);
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe("not_found");
    const missing = await upload(
      owner,
      "/api/resumes/00000000-0000-4000-8000-000000000000/photo",
      IMAGES.pngText,
    );
    expect(missing.status).toBe(404);
    const removedByStranger = await api(`/api/resumes/${id}/photo`, {
      method: "DELETE",
      headers: stranger.headers,
    });
    expect(removedByStranger.status).toBe(404);
    await api(`/api/resumes/${id}`, { method: "DELETE", headers: owner.headers });
    expect((await upload(owner, `/api/resumes/${id}/photo`, IMAGES.pngText)).status).toBe(404);
    expect(await mediaRows(stranger.userId)).toBe(0);
    expect(await mediaRows(owner.userId)).toBe(0);
  });

  it("deletes the replaced photo from R2, keeps a re-upload idempotent, and DELETE is repeatable", async () => {
    const person = await signedInPerson();
    const first = (await upload(person, "/api/profile/avatar", IMAGES.pngText)).body.data;
    const second = (await upload(person, "/api/profile/avatar", IMAGES.webpExif)).body.data;
    expect(second.key).not.toBe(first.key);
    expect(await env.FILES.head(first.key)).toBeNull();
    expect((await api(first.url)).status).toBe(404);
    expect((await fetchMedia(second.url)).status).toBe(200);

    // The same photo again: the same key, still one row and one object.
    const repeat = (await upload(person, "/api/profile/avatar", IMAGES.webpExif)).body.data;
    expect(repeat.key).toBe(second.key);
    expect(await mediaRows(person.userId)).toBe(1);

    // A leftover older row (a crash before step 3) is cleaned by the next upload.
    await env.DB.prepare(
      "INSERT INTO media (key, user_id, kind, resume_id, sha256, content_type, bytes, width, height, created_at) SELECT ?, user_id, kind, resume_id, sha256, content_type, bytes, width, height, created_at FROM media WHERE key = ?",
    )
      .bind(`${"0".repeat(64)}-${"1".repeat(32)}.png`, second.key)
      .run();
    const third = (await upload(person, "/api/profile/avatar", IMAGES.jpegExif)).body.data;
    expect(await mediaRows(person.userId)).toBe(1);
    expect(
      (await api("/api/profile/avatar", { headers: person.headers })).body.data.photo.key,
    ).toBe(third.key);

    const removed = await api("/api/profile/avatar", { method: "DELETE", headers: person.headers });
    expect(removed.body.data).toEqual({ removed: true });
    expect(await env.FILES.head(third.key)).toBeNull();
    expect((await api(third.url)).status).toBe(404);
    const again = await api("/api/profile/avatar", { method: "DELETE", headers: person.headers });
    expect(again.body.data).toEqual({ removed: false });
    expect(
      (await api("/api/profile/avatar", { headers: person.headers })).body.data.photo,
    ).toBeNull();
  });

  it("gives two people uploading the same photo different, unguessable keys", async () => {
    const a = await signedInPerson();
    const b = await signedInPerson();
    const one = (await upload(a, "/api/profile/avatar", IMAGES.pngText)).body.data;
    const two = (await upload(b, "/api/profile/avatar", IMAGES.pngText)).body.data;
    expect(one.sha256).toBe(two.sha256);
    expect(one.key).not.toBe(two.key);
    // Removing one leaves the other served.
    await api("/api/profile/avatar", { method: "DELETE", headers: a.headers });
    expect((await fetchMedia(two.url)).status).toBe(200);
  });

  it("takes one photo offline by key (a moderation rejection), idempotently", async () => {
    const person = await signedInPerson();
    const id = await createResume(person);
    const photo = (await upload(person, `/api/resumes/${id}/photo`, IMAGES.pngText)).body.data;
    expect(await removeStoredPhoto(env, photo.key)).toBe(true);
    expect(await env.FILES.head(photo.key)).toBeNull();
    expect((await api(photo.url)).status).toBe(404);
    expect(await removeStoredPhoto(env, photo.key)).toBe(false);
    expect(await mediaRows(person.userId)).toBe(0);
  });

  it("serves 404 for unknown or malformed keys", async () => {
    for (const path of [
      `/media/${"a".repeat(64)}-${"b".repeat(32)}.png`,
      `/media/${"A".repeat(64)}-${"b".repeat(32)}.png`,
      "/media/%2e%2e%2fapi%2fhealth",
      "/media/",
      "/media/abc.png",
    ]) {
      const answer = await api(path);
      expect(answer.status, path).toBe(404);
      expect(answer.response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("limits uploads to 20 an hour per account", async () => {
    const person = await signedInPerson();
    for (let i = 0; i < 20; i++) {
      expect((await upload(person, "/api/profile/avatar", IMAGES.pngText)).status).toBe(201);
    }
    const refused = await upload(person, "/api/profile/avatar", IMAGES.pngText);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.response.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("templates and exports with an uploaded photo", () => {
  it("renders the served path in the portrait template and on the public share page", async () => {
    const person = await signedInPerson();
    await env.DB.prepare("UPDATE users SET plan = 'premium' WHERE id = ?")
      .bind(person.userId)
      .run();
    const id = await createResume(person, { meta: { style: { template: "portrait" } } });
    const photo = (await upload(person, `/api/resumes/${id}/photo`, IMAGES.jpegExif)).body.data;
    await waitForLive(photo.key);
    const data = { basics: { name: "Grace Hopper", image: photo.url } };
    const html = renderResumeDocument(data, { template: "portrait" });
    expect(html).toContain(`<img class="photo" src="${photo.url}"`);
    // Other same-origin paths are never shown.
    expect(
      renderResumeDocument(
        { basics: { name: "G", image: "/api/profile" } },
        { template: "portrait" },
      ),
    ).toContain("photo-initials");

    const read = await api(`/api/resumes/${id}`, { headers: person.headers });
    const saved = await api(`/api/resumes/${id}`, {
      method: "PATCH",
      headers: {
        ...person.headers,
        "Content-Type": "application/json",
        "If-Match": read.response.headers.get("etag") ?? "",
      },
      body: JSON.stringify({ data: { ...read.body.data.data, basics: data.basics } }),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const shared = await api(
      `/api/resumes/${id}/share`,
      postJson({ enabled: true }, person.headers),
    );
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    // the page is public once its first content check let it go live
    await waitForPublication(person.headers, id, "live");
    const page = await api(`/r/${shared.body.data.slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`src="${photo.url}"`);
    expect(page.response.headers.get("content-security-policy")).toMatch(/img-src [^;]*'self'/);
  });

  it("inlines an uploaded photo in the PDF from R2, without any network request", async () => {
    const person = await signedInPerson();
    const id = await createResume(person);
    const photo = (await upload(person, `/api/resumes/${id}/photo`, IMAGES.webpExif)).body.data;
    // An export publishes the photo: only once its check let it go live.
    await waitForLive(photo.key);
    const stored = (await storedBytes(photo.key)) as Uint8Array;
    const network = vi.spyOn(globalThis, "fetch");
    const data = { basics: { name: "Grace Hopper", image: photo.url } };
    const { html } = await printableHtml(env, data, { template: "portrait" });
    expect(network).not.toHaveBeenCalled();
    expect(html).toContain(`src="data:image/webp;base64,${btoa(latin1(stored))}"`);
    expect(html).not.toContain(photo.url);

    // Once deleted, the export shows initials rather than failing.
    await api(`/api/resumes/${id}/photo`, { method: "DELETE", headers: person.headers });
    const after = await printableHtml(env, data, { template: "portrait" });
    expect(after.html).toContain("photo-initials");
    expect(network).not.toHaveBeenCalled();
  });
});
