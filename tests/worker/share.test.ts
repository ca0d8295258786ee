import { env, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { ACCESS_COOKIE } from "../../api/lib/auth-cookies";
import { hashPassword } from "../../server/auth/passwords";
import type { Env } from "../../server/env";
import {
  SHARE_LINK_ATTEMPTS,
  SHARE_VISITOR_ATTEMPTS,
  unlockShare,
} from "../../server/resumes/share-unlock";
import { freshIp, postJson, signedInPerson } from "./auth-support";
import { api } from "./helpers";
import { waitForPublication } from "./moderation-support";

type Headers = Record<string, string>;

async function personOnPlan(plan: string) {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ? WHERE id = ?").bind(plan, person.userId).run();
  return person;
}

async function createResume(headers: Headers, data: Record<string, unknown> = {}) {
  const created = await api(
    "/api/resumes",
    postJson({ title: "Shared", data: { basics: { name: "Grace Hopper" }, ...data } }, headers),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data.id as string;
}

async function share(headers: Headers, id: string, settings: Record<string, unknown>) {
  return api(`/api/resumes/${id}/share`, postJson(settings, headers));
}

async function sharedResume(plan = "free", settings: Record<string, unknown> = { enabled: true }) {
  const person = await personOnPlan(plan);
  const id = await createResume(person.headers);
  const shared = await share(person.headers, id, settings);
  expect(shared.status, JSON.stringify(shared.body)).toBe(200);
  if (settings.enabled) await waitForPublication(person.headers, id, "live");
  return { person, id, slug: shared.body.data.slug as string };
}

/** A visit to the public page from one address (a visitor), without following redirects. */
async function visit(path: string, init: RequestInit & { ip?: string } = {}) {
  const { ip = freshIp(), ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set("CF-Connecting-IP", ip);
  const response = await SELF.fetch(`http://localhost${path}`, {
    ...rest,
    headers,
    redirect: "manual",
  });
  return { response, status: response.status, html: await response.text() };
}

const submitPassword = (
  slug: string,
  password: string,
  init: { ip?: string; cookie?: string } = {},
) =>
  visit(`/r/${slug}`, {
    method: "POST",
    ip: init.ip,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(init.cookie ? { Cookie: init.cookie } : {}),
    },
    body: new URLSearchParams({ password }).toString(),
  });

/** `rb_share=…` from a Set-Cookie header, ready to send back. */
const accessCookie = (setCookie: string | null) => setCookie?.match(/rb_share=[^;]+/)?.[0] ?? "";

async function viewsOf(id: string) {
  return env.DB.prepare("SELECT views FROM resume_shares WHERE resume_id = ?")
    .bind(id)
    .first<number>("views");
}

describe("templates", () => {
  it("lists the library for everyone, with premium ones unavailable when signed out; kept 24 h in KV, a minute in shared caches", async () => {
    const list = await api("/api/templates");
    expect(list.status).toBe(200);
    // a minute, with an ETag: the live plan limits can make a premium template available
    expect(list.response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(list.response.headers.get("etag")).toMatch(/:plans-v\d+"$/);
    expect(list.body.data).toHaveLength(12);
    for (const template of list.body.data) {
      expect(template).toMatchObject({
        id: expect.any(String),
        name: expect.any(String),
        description: expect.any(String),
        columns: expect.any(Number),
        premium: expect.any(Boolean),
        photo: expect.any(Boolean),
        defaults: { font: expect.any(String), accentColor: expect.stringMatching(/^#/) },
        preview_url: `/api/templates/${template.id}/preview`,
      });
      expect(template.available).toBe(!template.premium);
    }
    const keys = await env.CACHE.list({ prefix: "templates:list:" });
    expect(keys.keys.length).toBe(1);
    expect(keys.keys[0]?.expiration).toBeGreaterThan(Date.now() / 1000 + 86_000);
  });

  it("says what a signed-in person's plan allows, privately", async () => {
    const free = await personOnPlan("free");
    const standard = await personOnPlan("standard");
    const freeList = await api("/api/templates", { headers: free.headers });
    expect(freeList.response.headers.get("cache-control")).toContain("private");
    expect(freeList.body.data.find((t: { id: string }) => t.id === "sidebar").available).toBe(
      false,
    );
    const paidList = await api("/api/templates", { headers: standard.headers });
    expect(paidList.body.data.every((t: { available: boolean }) => t.available)).toBe(true);
  });

  it("previews each template as a self-contained document with its own policy", async () => {
    const preview = await api("/api/templates/portrait/preview");
    expect(preview.status).toBe(200);
    expect(preview.response.headers.get("content-type")).toContain("text/html");
    expect(preview.response.headers.get("cache-control")).toBe("public, max-age=86400");
    const csp = preview.response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(preview.response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(preview.body).toContain("Maya Okafor");
    expect(preview.body).toContain('url("/resume-fonts/roboto-slab-latin-400-normal.woff2")');
    expect(preview.body).not.toMatch(/<script/i);
    const missing = await api("/api/templates/nope/preview");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });

  it("keeps premium templates to plans that include them", async () => {
    const free = await personOnPlan("free");
    const refused = await api(
      "/api/resumes",
      postJson({ title: "Fancy", template: "sidebar" }, free.headers),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "plan_limit",
      details: { feature: "premiumTemplates", template: "sidebar" },
    });
    const id = await createResume(free.headers);
    const switched = await api(`/api/resumes/${id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "If-Match": '"1"', ...free.headers },
      body: JSON.stringify({ data: { meta: { style: { template: "elegant" } } } }),
    });
    expect(switched.status).toBe(403);
    expect(switched.body.error.code).toBe("plan_limit");

    const standard = await personOnPlan("standard");
    const allowed = await api(
      "/api/resumes",
      postJson({ title: "Fancy", template: "sidebar" }, standard.headers),
    );
    expect(allowed.status).toBe(201);
  });
});

describe("share settings", () => {
  it("turns a link on and off with a stable slug, and 404s when off", async () => {
    const { person, id, slug } = await sharedResume();
    expect(slug).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const read = await api(`/api/resumes/${id}/share`, { headers: person.headers });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({
      slug,
      url: `http://localhost/r/${slug}`,
      enabled: true,
      has_password: false,
      noindex: true,
      views: 0,
      downloads: 0,
      publication: { state: "live", published_at: expect.any(String), changes_pending: false },
    });
    expect((await visit(`/r/${slug}`)).status).toBe(200);

    const off = await share(person.headers, id, { enabled: false });
    expect(off.body.data).toMatchObject({ slug, enabled: false });
    const gone = await visit(`/r/${slug}`);
    expect(gone.status).toBe(404);
    expect(gone.response.headers.get("content-type")).toContain("text/html");
    expect(gone.html).toContain("This link isn’t available");

    const on = await share(person.headers, id, { enabled: true });
    expect(on.body.data.slug).toBe(slug);
    expect((await visit(`/r/${slug}`)).status).toBe(200);
  });

  it("answers 404 for resumes never shared, someone else's, or in the bin", async () => {
    const owner = await personOnPlan("free");
    const stranger = await personOnPlan("free");
    const id = await createResume(owner.headers);
    expect((await api(`/api/resumes/${id}/share`, { headers: owner.headers })).status).toBe(404);
    await share(owner.headers, id, { enabled: true });
    expect((await api(`/api/resumes/${id}/share`, { headers: stranger.headers })).status).toBe(404);
    const hijack = await share(stranger.headers, id, { enabled: false });
    expect(hijack.status).toBe(404);
    expect(hijack.body.error.code).toBe("not_found");
    expect(
      (
        await api("/api/resumes/00000000-0000-4000-8000-000000000000/share", {
          headers: owner.headers,
        })
      ).status,
    ).toBe(404);
    expect((await api(`/api/resumes/${id}/share`)).status).toBe(401);
  });

  it("takes the page down with the resume when it goes to the bin", async () => {
    const { person, id, slug } = await sharedResume();
    await api(`/api/resumes/${id}`, { method: "DELETE", headers: person.headers });
    const page = await visit(`/r/${slug}`);
    expect(page.status).toBe(404);
    expect(page.response.headers.get("content-type")).toContain("text/html");
    expect((await api(`/api/resumes/${id}/share`, { headers: person.headers })).status).toBe(404);
    expect((await share(person.headers, id, { enabled: true })).status).toBe(404);
  });

  it("rejects bad settings with 400", async () => {
    const person = await personOnPlan("standard");
    const id = await createResume(person.headers);
    for (const body of [
      {},
      { enabled: "yes" },
      { enabled: true, password: "short" },
      { enabled: true, password: 123456 },
      { enabled: true, noindex: "no" },
      { enabled: true, colour: "red" },
    ]) {
      const answer = await share(person.headers, id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe("validation_failed");
    }
    expect((await share(person.headers, "not-a-uuid", { enabled: true })).status).toBe(400);
  });

  it("keeps passwords to plans that include them", async () => {
    const person = await personOnPlan("free");
    const id = await createResume(person.headers);
    const refused = await share(person.headers, id, { enabled: true, password: "secret-words" });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "plan_limit",
      details: { feature: "sharePassword" },
    });
    expect((await api(`/api/resumes/${id}/share`, { headers: person.headers })).status).toBe(404);
    // removing a password is always allowed
    expect((await share(person.headers, id, { enabled: true, password: null })).status).toBe(200);
  });
});

describe("public page", () => {
  it("renders the current version, noindex by default, with a script-free policy and branding on free plans", async () => {
    const { person, id, slug } = await sharedResume("free");
    const saved = await api(`/api/resumes/${id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "If-Match": '"1"', ...person.headers },
      body: JSON.stringify({ data: { basics: { name: "Grace B. Hopper", label: "Admiral" } } }),
    });
    expect(saved.status).toBe(200);
    // the saved edit goes public once its moderation check has passed
    const page = await vi.waitFor(
      async () => {
        const visited = await visit(`/r/${slug}`);
        if (!visited.html.includes("Grace B. Hopper")) throw new Error("not the new version yet");
        return visited;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(page.status).toBe(200);
    expect(page.html).toContain('<meta name="robots" content="noindex">');
    expect(page.response.headers.get("x-robots-tag")).toBe("noindex");
    const csp = page.response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.response.headers.get("x-frame-options")).toBe("DENY");
    expect(page.response.headers.get("strict-transport-security")).toContain("max-age=");
    expect(page.html).toContain('url("/resume-fonts/');
    // below the resume: the branding, then the report link every public page has
    expect(page.html).toMatch(
      /<footer class="rb-brand"><a href="\/"[^>]*>Made with Resume Builder<\/a><\/footer>\n<p class="rb-report"><a href="\/r\/[\w-]+\/report" rel="nofollow">Report this resume<\/a><\/p>\n<\/body>/,
    );
  });

  it("lets the owner opt into indexing, and paid plans drop the branding", async () => {
    const { slug } = await sharedResume("standard", { enabled: true, noindex: false });
    const page = await visit(`/r/${slug}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('name="robots"');
    expect(page.response.headers.get("x-robots-tag")).toBeNull();
    expect(page.html).not.toContain("Made with Resume Builder");
  });

  it("neutralises hostile resume content", async () => {
    const person = await personOnPlan("free");
    const id = await createResume(person.headers, {
      basics: {
        name: '<script>alert("name")</script></body><footer>',
        summary: "<img src=x onerror=alert(2)> <style>*{}</style>",
        url: 'https://example.com/"><script>alert(3)</script>',
      },
    });
    const { body } = await share(person.headers, id, { enabled: true });
    await waitForPublication(person.headers, id, "live");
    const page = await visit(`/r/${body.data.slug}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/<script/i);
    expect(page.html).not.toMatch(/<img[^>]*onerror/i);
    expect(page.html).toContain("&lt;script&gt;");
    // the branding still lands after the real content, once
    expect(page.html.match(/<\/body>/g)).toHaveLength(1);
    expect(page.html.match(/class="rb-brand"/g)).toHaveLength(1);
  });

  it("never publishes a script link: moderation takes the page down before anyone sees it", async () => {
    const person = await personOnPlan("free");
    const id = await createResume(person.headers, {
      basics: { name: "Grace Hopper", summary: "[click](javascript:alert(1))" },
    });
    const { body } = await share(person.headers, id, { enabled: true });
    await waitForPublication(person.headers, id, "taken_down");
    const page = await visit(`/r/${body.data.slug}`);
    expect(page.status).toBe(410);
    expect(page.html).not.toContain("javascript:");
  });

  it("answers unknown and malformed links with an HTML 404 page", async () => {
    for (const path of ["/r/AAAAAAAAAAAAAAAA", "/r/x", "/r/%3Cscript%3E", "/r/a/b/c", "/r/"]) {
      const page = await visit(path);
      expect(page.status, path).toBe(404);
      expect(page.response.headers.get("content-type"), path).toContain("text/html");
      expect(page.html, path).toContain("This link isn’t available");
      expect(page.response.headers.get("x-robots-tag")).toBe("noindex");
    }
  });
});

describe("password-protected links", () => {
  it("shows an accessible form, refuses a wrong password with 401, and unlocks the page with a scoped cookie", async () => {
    const { slug } = await sharedResume("standard", { enabled: true, password: "open sesame" });
    const form = await visit(`/r/${slug}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`<form method="post" action="/r/${slug}">`);
    expect(form.html).toContain('<label for="password">Password</label>');
    expect(form.html).not.toContain("Grace Hopper");
    expect(form.response.headers.get("cache-control")).toBe("private, no-store");
    expect(form.response.headers.get("content-security-policy")).toContain("form-action 'self'");

    const wrong = await submitPassword(slug, "closed sesame");
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('role="alert"');
    expect(wrong.html).toContain('aria-invalid="true"');
    expect(wrong.response.headers.get("set-cookie")).toBeNull();

    const empty = await submitPassword(slug, "");
    expect(empty.status).toBe(400);

    const right = await submitPassword(slug, "open sesame");
    expect(right.status).toBe(303);
    expect(right.response.headers.get("location")).toBe(`/r/${slug}`);
    const setCookie = right.response.headers.get("set-cookie") ?? "";
    expect(setCookie).toContain(`Path=/r/${slug}`);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("Secure");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Max-Age=43200");

    const page = await visit(`/r/${slug}`, { headers: { Cookie: accessCookie(setCookie) } });
    expect(page.status).toBe(200);
    expect(page.html).toContain("Grace Hopper");
    expect(page.response.headers.get("cache-control")).toBe("private, no-store");

    const forged = await visit(`/r/${slug}`, {
      headers: { Cookie: `rb_share=${Math.floor(Date.now() / 1000) + 600}.${"A".repeat(43)}` },
    });
    expect(forged.html).not.toContain("Grace Hopper");
  });

  it("does not let one link's cookie open another", async () => {
    const first = await sharedResume("standard", { enabled: true, password: "first secret" });
    const second = await sharedResume("standard", { enabled: true, password: "first secret" });
    const unlocked = await submitPassword(first.slug, "first secret");
    const cookie = accessCookie(unlocked.response.headers.get("set-cookie"));
    const other = await visit(`/r/${second.slug}`, { headers: { Cookie: cookie } });
    expect(other.status).toBe(200);
    expect(other.html).toContain('name="password"');
    expect(other.html).not.toContain("Grace Hopper");
  });

  it("stops old cookies working when the password changes or goes", async () => {
    const { person, id, slug } = await sharedResume("standard", {
      enabled: true,
      password: "version one",
    });
    const unlocked = await submitPassword(slug, "version one");
    const cookie = accessCookie(unlocked.response.headers.get("set-cookie"));
    expect((await visit(`/r/${slug}`, { headers: { Cookie: cookie } })).html).toContain(
      "Grace Hopper",
    );
    const changed = await share(person.headers, id, { enabled: true, password: "version two" });
    expect(changed.body.data.has_password).toBe(true);
    const stale = await visit(`/r/${slug}`, { headers: { Cookie: cookie } });
    expect(stale.html).toContain('name="password"');
    expect(stale.html).not.toContain("Grace Hopper");

    // keeping the password (no `password` field) keeps cookies valid
    const again = accessCookie(
      (await submitPassword(slug, "version two")).response.headers.get("set-cookie"),
    );
    await share(person.headers, id, { enabled: true, noindex: true });
    expect((await visit(`/r/${slug}`, { headers: { Cookie: again } })).html).toContain(
      "Grace Hopper",
    );

    const removed = await share(person.headers, id, { enabled: true, password: null });
    expect(removed.body.data.has_password).toBe(false);
    const open = await visit(`/r/${slug}`);
    expect(open.html).toContain("Grace Hopper");
    expect(open.response.headers.get("cache-control")).toBe("private, no-cache");
  });

  it("limits password tries per address and link with a 429 page", async () => {
    const { slug } = await sharedResume("standard", { enabled: true, password: "the real one" });
    const ip = freshIp();
    // A right password does not use up the budget; only wrong ones count.
    expect((await submitPassword(slug, "the real one", { ip })).status).toBe(303);
    for (let attempt = 0; attempt < SHARE_VISITOR_ATTEMPTS.limit; attempt++) {
      expect((await submitPassword(slug, `guess ${attempt}`, { ip })).status).toBe(401);
    }
    const limited = await submitPassword(slug, "the real one", { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.response.headers.get("content-type")).toContain("text/html");
    expect(limited.response.headers.get("set-cookie")).toBeNull();
    // another address is not held back
    expect((await submitPassword(slug, "the real one")).status).toBe(303);
  });

  it("refuses a password form larger than a password needs with a 413 page", async () => {
    const { slug } = await sharedResume("standard", { enabled: true, password: "the real one" });
    const huge = await submitPassword(slug, "x".repeat(100_000));
    expect(huge.status).toBe(413);
    expect(huge.response.headers.get("content-type")).toContain("text/html");
  });

  it("caps wrong passwords per link across addresses, so spreading guesses gains nothing", async () => {
    const { slug } = await sharedResume("standard", { enabled: true, password: "the real one" });
    for (let attempt = 0; attempt < SHARE_LINK_ATTEMPTS.limit; attempt++) {
      const ip = `198.51.100.${attempt % 250}`;
      expect((await submitPassword(slug, `guess ${attempt}`, { ip })).status).toBe(401);
    }
    const limited = await submitPassword(slug, "the real one", { ip: freshIp() });
    expect(limited.status).toBe(429);
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("checks at most the allowed number of passwords sent at once", async () => {
    // Straight at the service: requests in the test pool reach it one after another.
    const input = {
      slug: `race-${Date.now().toString(36)}`,
      passwordHash: await hashPassword("the real one"),
      visitor: freshIp(),
      password: "a wrong guess",
    };
    const outcomes = await Promise.all(
      Array.from({ length: 2 * SHARE_VISITOR_ATTEMPTS.limit }, () =>
        unlockShare(env as unknown as Env, input, Date.now()),
      ),
    );
    const counted = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).length;
    expect(counted("wrong")).toBe(SHARE_VISITOR_ATTEMPTS.limit);
    expect(counted("limited")).toBe(SHARE_VISITOR_ATTEMPTS.limit);
  });

  it("lets a signed-in visitor use the form (no API CSRF check on it) and the owner skip it", async () => {
    const { person, slug } = await sharedResume("standard", {
      enabled: true,
      password: "owner only",
    });
    const visitor = await signedInPerson();
    const cookie = `${ACCESS_COOKIE}=${visitor.tokens.access_token}`;
    const wrong = await submitPassword(slug, "nope nope", { cookie });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('role="alert"');
    const owner = await visit(`/r/${slug}`, {
      headers: { Cookie: `${ACCESS_COOKIE}=${person.tokens.access_token}` },
    });
    expect(owner.html).toContain("Grace Hopper");
  });
});

describe("counters", () => {
  it("counts each visitor once a day and never the owner", async () => {
    const { person, id, slug } = await sharedResume("free");
    await visit(`/r/${slug}`, { headers: person.headers });
    await visit(`/r/${slug}`, {
      headers: { Cookie: `${ACCESS_COOKIE}=${person.tokens.access_token}` },
    });
    expect(await viewsOf(id)).toBe(0);

    const visitor = freshIp();
    await visit(`/r/${slug}`, { ip: visitor });
    await visit(`/r/${slug}`, { ip: visitor });
    expect(await viewsOf(id)).toBe(1);
    await visit(`/r/${slug}`, { ip: freshIp() });
    await visit(`/r/${slug}`, { ip: visitor, method: "HEAD" });
    expect(await viewsOf(id)).toBe(2);

    const settings = await api(`/api/resumes/${id}/share`, { headers: person.headers });
    expect(settings.body.data).toMatchObject({ views: 2, downloads: 0 });
  });

  it("does not count the password form, only the resume", async () => {
    const { id, slug } = await sharedResume("standard", { enabled: true, password: "count me" });
    const ip = freshIp();
    await visit(`/r/${slug}`, { ip });
    expect(await viewsOf(id)).toBe(0);
    const cookie = accessCookie(
      (await submitPassword(slug, "count me", { ip })).response.headers.get("set-cookie"),
    );
    await visit(`/r/${slug}`, { ip, headers: { Cookie: cookie } });
    expect(await viewsOf(id)).toBe(1);
  });
});
