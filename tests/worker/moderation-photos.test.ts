import { env, SELF } from "cloudflare:test";
import { encode } from "fast-png";
import { describe, expect, it, vi } from "vitest";
import { freshIp, postJson, signedInPerson } from "./auth-support";
import { api, countRows } from "./helpers";
import { mailedTemplates, moderator } from "./moderation-support";

type Person = Awaited<ReturnType<typeof signedInPerson>>;
type Rgb = [number, number, number];

/**
 * A real PNG of `size`² pixels painted by `paint` (the built-in image stand-in reads pixels, so
 * the tests draw what it must tell apart). `seed` changes one pixel: distinct bytes, distinct case.
 */
function png(size: number, paint: (x: number, y: number) => Rgb, seed = 0): Uint8Array {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      data.set(paint(x, y), (y * size + x) * 3);
    }
  }
  data[0] = seed % 256;
  return encode({ width: size, height: size, data, channels: 3, depth: 8 });
}

const SKY: Rgb = [70, 130, 200];
const GRASS: Rgb = [60, 140, 70];
const SKIN: Rgb = [224, 172, 140];

/** Sky over grass: nothing in it a moderator needs to see. */
const landscape = (seed = 0) => png(160, (_x, y) => (y < 90 ? SKY : GRASS), seed);
/** Nearly all skin tones, one region: the stand-in cannot tell, so a person must. */
const skinClose = (seed = 0) => png(160, (x, y) => (x < 8 || y < 8 ? SKY : SKIN), seed);

const uploadAvatar = (person: Person, body: Uint8Array) =>
  api("/api/profile/avatar", {
    method: "POST",
    headers: { ...person.headers, "Content-Type": "image/png", "CF-Connecting-IP": freshIp() },
    body,
  });

interface PhotoCase {
  id: string;
  status: string;
  outcome: string | null;
  category: string | null;
  subject_kind: string;
}

const casesOfPhoto = async (key: string) =>
  (
    await env.DB.prepare(
      "SELECT id, status, outcome, category, subject_kind FROM moderation_cases WHERE subject_id = ?",
    )
      .bind(key)
      .all<PhotoCase>()
  ).results;

const photoState = async (key: string) =>
  (
    await env.DB.prepare("SELECT moderation FROM media WHERE key = ?")
      .bind(key)
      .first<{ moderation: string }>()
  )?.moderation ?? "gone";

async function waitForPhoto(key: string, state: string) {
  await vi.waitFor(
    async () => {
      const now = await photoState(key);
      if (now !== state) throw new Error(`photo is ${now}, not ${state}`);
    },
    { timeout: 15_000, interval: 100 },
  );
}

const serve = (key: string) => SELF.fetch(`http://localhost/media/${key}`);

describe("photo uploads pass content moderation", () => {
  it("checks an ordinary photo and lets it go live, the stand-in named in its decision", async () => {
    const person = await signedInPerson();
    const uploaded = await uploadAvatar(person, landscape());
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const photo = uploaded.body.data;
    expect(["checking", "live"]).toContain(photo.moderation);
    // its owner sees it while it is checked
    expect((await serve(photo.key)).status).toBe(200);
    await waitForPhoto(photo.key, "live");

    const [row] = await casesOfPhoto(photo.key);
    expect(row).toMatchObject({ status: "closed", outcome: "allow", subject_kind: "avatar" });
    const layers = await env.DB.prepare(
      "SELECT layer, model FROM moderation_decisions WHERE case_id = ?",
    )
      .bind(row!.id)
      .all<{ layer: string; model: string | null }>();
    // the rules read text, so a photo has only the AI layer: locally the labelled stand-in
    expect(layers.results).toEqual([{ layer: "ai", model: "builtin-image-classifier" }]);
    const avatar = await api("/api/profile/avatar", { headers: person.headers });
    expect(avatar.body.data.photo).toMatchObject({ key: photo.key, moderation: "live" });

    // the same upload again (a retried request) opens no second case
    expect((await uploadAvatar(person, landscape())).body.data.moderation).toBe("live");
    expect(await casesOfPhoto(photo.key)).toHaveLength(1);
  });

  it("withholds a photo in review from public pages; a rejection deletes it, strikes and blocks its copies", async () => {
    const person = await signedInPerson();
    const bytes = skinClose(1);
    const photo = (await uploadAvatar(person, bytes)).body.data;
    await waitForPhoto(photo.key, "withheld");
    const [inReview] = await casesOfPhoto(photo.key);
    expect(inReview).toMatchObject({ status: "in_review", category: "nsfw" });
    expect((await serve(photo.key)).status).toBe(404);
    expect(await mailedTemplates(person.email)).toEqual(["moderation_notice"]);

    // the moderator sees exactly the checked bytes
    const mod = await moderator();
    const preview = await SELF.fetch(
      `http://localhost/api/admin/moderation/cases/${inReview!.id}/photo`,
      { headers: mod.headers },
    );
    expect(preview.status).toBe(200);
    expect(new Uint8Array(await preview.arrayBuffer())).toEqual(
      new Uint8Array(
        await (await env.FILES.get(`moderation/photos/${photo.sha256}`))!.arrayBuffer(),
      ),
    );

    const rejected = await api(
      `/api/admin/moderation/cases/${inReview!.id}/decision`,
      postJson({ verdict: "reject", reason: "Nudity" }, mod.headers),
    );
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    await waitForPhoto(photo.key, "gone");
    expect(await env.FILES.get(photo.key)).toBeNull();
    expect(
      await countRows("SELECT count(*) AS n FROM strikes WHERE user_id = ?", person.userId),
    ).toBe(1);
    // the notice that it was taken down, and the strike's warning from the ban escalation
    await vi.waitFor(async () =>
      expect((await mailedTemplates(person.email)).sort()).toEqual([
        "moderation_notice",
        "moderation_notice",
        "strike_recorded",
      ]),
    );
    // the moderator's preview outlives the deleted photo
    const kept = await SELF.fetch(
      `http://localhost/api/admin/moderation/cases/${inReview!.id}/photo`,
      { headers: mod.headers },
    );
    expect(kept.status).toBe(200);

    // the same bytes in the same slot: refused with a code the app can act on
    const again = await uploadAvatar(person, bytes);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe("photo_rejected");
    expect(await photoState(photo.key)).toBe("gone");

    // someone else uploading the same picture: refused before it is stored, so their current
    // avatar stays
    const other = await signedInPerson();
    const theirs = (await uploadAvatar(other, landscape(7))).body.data;
    const copy = await uploadAvatar(other, bytes);
    expect(copy.status).toBe(422);
    expect(copy.body.error.code).toBe("photo_rejected");
    const avatar = await api("/api/profile/avatar", { headers: other.headers });
    expect(avatar.body.data.photo.key).toBe(theirs.key);
  });

  it("an approval puts a withheld photo live", async () => {
    const person = await signedInPerson();
    const photo = (await uploadAvatar(person, skinClose(2))).body.data;
    await waitForPhoto(photo.key, "withheld");
    const [inReview] = await casesOfPhoto(photo.key);
    const mod = await moderator();
    const approved = await api(
      `/api/admin/moderation/cases/${inReview!.id}/decision`,
      postJson({ verdict: "approve", reason: "A close-up portrait" }, mod.headers),
    );
    expect(approved.status).toBe(200);
    await waitForPhoto(photo.key, "live");
    expect((await serve(photo.key)).status).toBe(200);
  });

  it("shows a resume photo on the public page only once it is live", async () => {
    const person = await signedInPerson();
    // the portrait template (the one with a photo) is a paid one
    await env.DB.prepare("UPDATE users SET plan = 'premium' WHERE id = ?")
      .bind(person.userId)
      .run();
    const created = await api(
      "/api/resumes",
      postJson(
        {
          title: "Photo",
          data: { basics: { name: "Grace Hopper" }, meta: { style: { template: "portrait" } } },
        },
        person.headers,
      ),
    );
    const resumeId = created.body.data.id as string;
    const photo = (
      await api(`/api/resumes/${resumeId}/photo`, {
        method: "POST",
        headers: { ...person.headers, "Content-Type": "image/png", "CF-Connecting-IP": freshIp() },
        body: skinClose(3),
      })
    ).body.data;
    const read = await api(`/api/resumes/${resumeId}`, { headers: person.headers });
    const saved = await api(`/api/resumes/${resumeId}`, {
      method: "PATCH",
      headers: {
        ...person.headers,
        "Content-Type": "application/json",
        "If-Match": read.response.headers.get("etag") ?? "",
      },
      body: JSON.stringify({
        data: { ...read.body.data.data, basics: { name: "Grace Hopper", image: photo.url } },
      }),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const shared = await api(
      `/api/resumes/${resumeId}/share`,
      postJson({ enabled: true }, person.headers),
    );
    const slug = shared.body.data.slug as string;
    await waitForPhoto(photo.key, "withheld");
    await vi.waitFor(
      async () => {
        const page = await api(`/r/${slug}`);
        expect(page.status).toBe(200);
        return page;
      },
      { timeout: 15_000, interval: 100 },
    );
    const hidden = await api(`/r/${slug}`);
    expect(hidden.body).not.toContain(photo.url);
    expect(hidden.body).toContain("photo-initials");

    const [inReview] = await casesOfPhoto(photo.key);
    expect(inReview!.subject_kind).toBe("resume_photo");
    const mod = await moderator();
    await api(
      `/api/admin/moderation/cases/${inReview!.id}/decision`,
      postJson({ verdict: "approve", reason: "Portrait" }, mod.headers),
    );
    await waitForPhoto(photo.key, "live");
    expect((await api(`/r/${slug}`)).body).toContain(`src="${photo.url}"`);
  });
});

describe("images public pages do not show", () => {
  it("shows initials for an outside or inline image, which no check has seen", async () => {
    const person = await signedInPerson();
    await env.DB.prepare("UPDATE users SET plan = 'premium' WHERE id = ?")
      .bind(person.userId)
      .run();
    for (const image of [
      "https://images.example.net/me.png",
      "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    ]) {
      const created = await api(
        "/api/resumes",
        postJson(
          {
            title: "Outside photo",
            data: {
              basics: { name: "Grace Hopper", image },
              meta: { style: { template: "portrait" } },
            },
          },
          person.headers,
        ),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const resumeId = created.body.data.id as string;
      await api(`/api/resumes/${resumeId}/share`, postJson({ enabled: true }, person.headers));
      const share = await vi.waitFor(
        async () => {
          const read = await api(`/api/resumes/${resumeId}/share`, { headers: person.headers });
          expect(read.body.data.publication.state).toBe("live");
          return read.body.data as { slug: string };
        },
        { timeout: 15_000, interval: 100 },
      );
      const page = await api(`/r/${share.slug}`);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain(image);
      expect(page.body).toContain("photo-initials");
    }
  });
});
