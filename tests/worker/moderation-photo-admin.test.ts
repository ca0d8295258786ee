import { env, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { inspectPhoto } from "../../core/media/inspect-photo";
import { sha256Hex } from "../../core/security/crypto";
import { startModerationCheck } from "../../server/moderation/checks";
import { photoSnapshot } from "../../server/moderation/snapshots";
import { signedInPerson } from "./auth-support";
import { IMAGES } from "./fixture-images";
import { api, bearerFor } from "./helpers";
import { casesOf, moderator, personWithResume, shareResume } from "./moderation-support";

/**
 * The moderator's preview of a photo case (README "Content moderation"): the case file
 * describes the image, and `GET …/cases/{id}/photo` answers the bytes exactly as checked.
 * The case is opened the way a photo upload opens one: the stored bytes copied for the case,
 * the content hash their SHA-256.
 */

async function photoCase(kind: "avatar" | "resume_photo", file: Uint8Array) {
  const person = await signedInPerson();
  const inspected = inspectPhoto(file);
  const sha256 = await sha256Hex(inspected.bytes);
  const extension = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" }[
    inspected.contentType
  ];
  const mediaKey = `${sha256}-${crypto.randomUUID().replaceAll("-", "")}.${extension}`;
  const { snapshot, hash } = await photoSnapshot(
    env,
    {
      mediaKey,
      contentType: inspected.contentType,
      sha256,
      width: inspected.width,
      height: inspected.height,
    },
    inspected.bytes,
  );
  const row = await startModerationCheck(
    env,
    {
      kind,
      subjectId: mediaKey,
      userId: person.userId,
      resumeId: null,
      source: "publication",
      snapshot,
      hash,
      requestedBy: `user:${person.userId}`,
    },
    Date.now(),
  );
  return { caseId: row.id, inspected, sha256 };
}

/** Waits until the workflow's automated layers have looked at the case (they read the copy). */
const checked = (caseId: string) =>
  vi.waitFor(
    async () => {
      const row = await env.DB.prepare("SELECT status FROM moderation_cases WHERE id = ?")
        .bind(caseId)
        .first<{ status: string }>();
      expect(row?.status).not.toBe("checking");
    },
    { timeout: 10_000, interval: 100 },
  );

/** The photo endpoint's answer as bytes (the shared `api` helper reads text). */
async function fetchPhoto(caseId: string, headers: Record<string, string>) {
  const response = await SELF.fetch(`http://localhost/api/admin/moderation/cases/${caseId}/photo`, {
    headers,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  return { response, status: response.status, bytes, text };
}

describe("a photo case's preview", () => {
  it("describes the photo in the case file and answers its exact bytes, cached nowhere", async () => {
    const { caseId, inspected, sha256 } = await photoCase("avatar", IMAGES.pngText);
    const mod = await moderator();

    const detail = await api(`/api/admin/moderation/cases/${caseId}`, { headers: mod.headers });
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    expect(detail.body.data).toMatchObject({
      subject_kind: "avatar",
      content: null,
      photo: {
        width: inspected.width,
        height: inspected.height,
        content_type: "image/png",
        sha256,
      },
    });

    const photo = await fetchPhoto(caseId, mod.headers);
    expect(photo.status, photo.text.slice(0, 200)).toBe(200);
    expect(photo.bytes).toEqual(inspected.bytes);
    expect(await sha256Hex(photo.bytes)).toBe(sha256);
    const headers = photo.response.headers;
    expect(headers.get("content-type")).toBe("image/png");
    expect(headers.get("content-length")).toBe(String(inspected.bytes.byteLength));
    expect(headers.get("cache-control")).toBe("private, no-store");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");

    // the queue lists it like any case, by its subject (in whichever state the check is)
    await vi.waitFor(
      async () => {
        const lists = await Promise.all(
          ["checking", "open", "closed"].map((status) =>
            api(`/api/admin/moderation/cases?status=${status}&per_page=100`, {
              headers: mod.headers,
            }),
          ),
        );
        const listed = lists
          .flatMap((list) => list.body.data as { id: string; subject_kind: string }[])
          .find((item) => item.id === caseId);
        expect(listed?.subject_kind).toBe("avatar");
      },
      { timeout: 5_000, interval: 100 },
    );
  });

  it("lets support read it, and refuses whoever lacks content.read", async () => {
    const { caseId, inspected } = await photoCase("resume_photo", IMAGES.webpLossless);
    const support = await bearerFor("support");
    const read = await fetchPhoto(caseId, support.headers);
    expect(read.status).toBe(200);
    expect(read.response.headers.get("content-type")).toBe("image/webp");
    expect(read.bytes).toEqual(inspected.bytes);

    for (const role of ["billing_admin", "user"] as const) {
      const refused = await fetchPhoto(caseId, (await bearerFor(role)).headers);
      expect(refused.status, role).toBe(403);
      expect(JSON.parse(refused.text).error.code).toBe("forbidden");
      expect(refused.bytes).not.toEqual(inspected.bytes);
    }
    const anonymous = await fetchPhoto(caseId, {});
    expect(anonymous.status).toBe(401);
  });

  it("answers 404 for a resume case, a missing case, a bad id and an erased copy", async () => {
    const mod = await moderator();
    const { person, resumeId } = await personWithResume({
      basics: { name: "Grace Hopper", summary: "Compiler pioneer." },
    });
    await shareResume(person.headers, resumeId);
    const [resumeCase] = await casesOf(resumeId);
    expect(resumeCase).toBeDefined();
    const detail = await api(`/api/admin/moderation/cases/${resumeCase?.id}`, {
      headers: mod.headers,
    });
    expect(detail.body.data.photo).toBeNull();
    expect(detail.body.data.content.basics.name).toBe("Grace Hopper");
    const notPhoto = await fetchPhoto(resumeCase?.id ?? "", mod.headers);
    expect(notPhoto.status).toBe(404);
    expect(JSON.parse(notPhoto.text).error.code).toBe("not_found");

    const missing = await fetchPhoto("mc_00000000000000000000000000000000", mod.headers);
    expect(missing.status).toBe(404);
    const malformed = await fetchPhoto("not-a-case", mod.headers);
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).error.code).toBe("validation_failed");

    // the copy erased (e.g. the account deleted): the case stays readable, its image is gone
    const { caseId, sha256 } = await photoCase("avatar", IMAGES.jpegProgressive);
    await checked(caseId);
    await env.FILES.delete(`moderation/photos/${sha256}`);
    const erased = await fetchPhoto(caseId, mod.headers);
    expect(erased.status).toBe(404);
    expect(JSON.parse(erased.text).error.code).toBe("not_found");
    const stillThere = await api(`/api/admin/moderation/cases/${caseId}`, {
      headers: mod.headers,
    });
    expect(stillThere.body.data.photo.content_type).toBe("image/jpeg");
  });
});
