import { env, SELF } from "cloudflare:test";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { freshIp, postJson, signedInPerson } from "./auth-support";
import { api, servedAt } from "./helpers";
import { waitForPublication } from "./moderation-support";

type Headers = Record<string, string>;

async function sharedResume(plan: string, settings: Record<string, unknown> = { enabled: true }) {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ? WHERE id = ?").bind(plan, person.userId).run();
  const created = await api(
    "/api/resumes",
    postJson({ title: "Shared", data: { basics: { name: "Grace Hopper" } } }, person.headers),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.data.id as string;
  const shared = await api(`/api/resumes/${id}/share`, postJson(settings, person.headers));
  expect(shared.status, JSON.stringify(shared.body)).toBe(200);
  await waitForPublication(person.headers, id, "live");
  return { person, id, slug: shared.body.data.slug as string };
}

/** A request to the public app from one address, without following redirects. */
async function fetchPublic(
  path: string,
  init: { ip?: string; headers?: Headers; method?: string } = {},
) {
  const headers = new Headers(init.headers);
  headers.set("CF-Connecting-IP", init.ip ?? freshIp());
  return SELF.fetch(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers,
    redirect: "manual",
  });
}

const downloadsOf = (id: string) =>
  env.DB.prepare("SELECT downloads FROM resume_shares WHERE resume_id = ?")
    .bind(id)
    .first<number>("downloads");

async function pdfText(bytes: ArrayBuffer) {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
    mergePages: true,
  });
  return text;
}

const cachedKeys = async (id: string) =>
  (await env.FILES.list({ prefix: `share-pdf/${id}/` })).objects.map((object) => object.key);

describe("Download PDF on the public page", () => {
  it("offers the button, serves the published resume as a PDF and counts each download, never the owner's or a page view", async () => {
    const { person, id, slug } = await sharedResume("free");
    const page = await fetchPublic(`/r/${slug}`);
    expect(await page.text()).toContain(
      `<a href="/r/${slug}/pdf" rel="nofollow" download>Download PDF</a>`,
    );
    expect(await downloadsOf(id)).toBe(0);

    const first = await fetchPublic(`/r/${slug}/pdf`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/pdf");
    expect(first.headers.get("content-disposition")).toContain(
      'filename="Grace-Hopper-Resume.pdf"',
    );
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    const bytes = await first.arrayBuffer();
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(await pdfText(bytes)).toContain("Grace Hopper");
    expect(await downloadsOf(id)).toBe(1);

    await fetchPublic(`/r/${slug}/pdf`, { headers: person.headers });
    await fetchPublic(`/r/${slug}/pdf`, { method: "HEAD" });
    expect(await downloadsOf(id)).toBe(1);
    expect((await fetchPublic(`/r/${slug}/pdf`)).status).toBe(200);
    const settings = await api(`/api/resumes/${id}/share`, { headers: person.headers });
    expect(settings.body.data.downloads).toBe(2);
  });

  it("prints a version once: later visitors get the stored file, an edit prints anew", async () => {
    const { person, id, slug } = await sharedResume("free");
    expect((await fetchPublic(`/r/${slug}/pdf`)).status).toBe(200);
    const [key] = await cachedKeys(id);
    expect(key).toBeDefined();
    // Whatever is stored under the version's key is what visitors get: no second print.
    await env.FILES.put(key as string, "%PDF-stored");
    const again = await fetchPublic(`/r/${slug}/pdf`);
    expect(new TextDecoder().decode(await again.arrayBuffer())).toBe("%PDF-stored");

    const edited = await api(`/api/resumes/${id}`, {
      method: "PATCH",
      headers: { ...person.headers, "Content-Type": "application/json", "If-Match": '"1"' },
      body: JSON.stringify({ data: { basics: { name: "Grace B. Hopper" } } }),
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await expect
      .poll(
        async () => (await (await fetchPublic(`/r/${slug}`)).text()).includes("Grace B. Hopper"),
        {
          timeout: 15_000,
          interval: 100,
        },
      )
      .toBe(true);
    const reprinted = await fetchPublic(`/r/${slug}/pdf`);
    expect(await pdfText(await reprinted.arrayBuffer())).toContain("Grace B. Hopper");
    const keys = await cachedKeys(id);
    expect(keys).toHaveLength(1);
    expect(keys).not.toContain(key);
    expect(await downloadsOf(id)).toBe(3);
  });

  it("lets one address download 60 PDFs an hour across all links, then answers a 429 page; the owner is not counted", async () => {
    const { person, id, slug } = await sharedResume("free");
    const ip = freshIp();
    const now = Date.UTC(2026, 11, 8, 10, 30);
    // the visitor has used the hour's 60 downloads (the counter of server/ops/rate-limits.ts)
    const window = Math.floor(now / 3_600_000);
    await env.RATE_LIMITS.put(`rl:share-pdf-ip:${ip}:${window}`, "60");
    const refused = await fetchPublic(`/r/${slug}/pdf`, { ip, headers: servedAt(now) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1800");
    expect(await refused.text()).toContain("You have downloaded many resumes in the last hour.");
    expect(await downloadsOf(id)).toBe(0);
    const owner = await fetchPublic(`/r/${slug}/pdf`, {
      ip,
      headers: { ...person.headers, ...servedAt(now) },
    });
    expect(owner.status).toBe(200);
    const nextHour = await fetchPublic(`/r/${slug}/pdf`, {
      ip,
      headers: servedAt(now + 1_800_000),
    });
    expect(nextHour.status).toBe(200);
    expect(await downloadsOf(id)).toBe(1);
  });

  it("keeps the password and moderation: nothing is served or counted without them", async () => {
    const { id, slug } = await sharedResume("standard", { enabled: true, password: "open sesame" });
    const locked = await fetchPublic(`/r/${slug}/pdf`);
    expect(locked.status).toBe(303);
    expect(locked.headers.get("location")).toBe(`/r/${slug}`);
    expect(await downloadsOf(id)).toBe(0);

    const ip = freshIp();
    const unlocked = await SELF.fetch(`http://localhost/r/${slug}`, {
      method: "POST",
      headers: { "CF-Connecting-IP": ip, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ password: "open sesame" }).toString(),
      redirect: "manual",
    });
    const cookie = unlocked.headers.get("set-cookie")?.match(/rb_share=[^;]+/)?.[0] ?? "";
    const opened = await fetchPublic(`/r/${slug}/pdf`, { ip, headers: { Cookie: cookie } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("application/pdf");
    expect(await downloadsOf(id)).toBe(1);

    await env.DB.prepare(
      "UPDATE resume_shares SET publication_state = 'withheld' WHERE resume_id = ?",
    )
      .bind(id)
      .run();
    const withheld = await fetchPublic(`/r/${slug}/pdf`, { ip, headers: { Cookie: cookie } });
    expect(withheld.status).toBe(503);
    expect(withheld.headers.get("content-type")).toContain("text/html");
    expect(await downloadsOf(id)).toBe(1);
    expect((await fetchPublic("/r/not-a-real-link-at-all/pdf")).status).toBe(404);
  });
});
