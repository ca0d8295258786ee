import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sweepCustomDomains } from "../../server/custom-domains/sweep";
import { freshIp, postJson, signedInPerson } from "./auth-support";
import { api, countRows } from "./helpers";
import { waitForPublication } from "./moderation-support";

type Headers = Record<string, string>;

async function sharedResumeOn(plan: string) {
  const person = await signedInPerson();
  await env.DB.prepare("UPDATE users SET plan = ? WHERE id = ?").bind(plan, person.userId).run();
  const created = await api(
    "/api/resumes",
    postJson({ title: "Mine", data: { basics: { name: "Grace Hopper" } } }, person.headers),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const resumeId = created.body.data.id as string;
  const shared = await api(
    `/api/resumes/${resumeId}/share`,
    postJson({ enabled: true }, person.headers),
  );
  expect(shared.status, JSON.stringify(shared.body)).toBe(200);
  await waitForPublication(person.headers, resumeId, "live");
  return { person, resumeId, slug: shared.body.data.slug as string };
}

const putDomain = (headers: Headers, body: Record<string, unknown>) =>
  api("/api/account/domain", { ...postJson(body, headers), method: "PUT" });
const check = (headers: Headers) => api("/api/account/domain/check", postJson({}, headers));
const markDns = (headers: Headers, hostname: string) =>
  api("/api/dev/custom-domains/dns", postJson({ hostname }, headers));

/** A visitor's request to a host, without following redirects. */
const onHost = (host: string, path: string, init: RequestInit = {}) =>
  SELF.fetch(`https://${host}${path}`, {
    ...init,
    headers: { "CF-Connecting-IP": freshIp(), ...(init.headers as Headers) },
    redirect: "manual",
  });

async function activeDomain(hostname: string) {
  const owner = await sharedResumeOn("enterprise");
  const put = await putDomain(owner.person.headers, { hostname, resume_id: owner.resumeId });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  expect((await markDns(owner.person.headers, hostname)).status).toBe(200);
  expect((await check(owner.person.headers)).body.data.state).toBe("active");
  return owner;
}

describe('custom domains (README "Custom domains")', () => {
  it("shows the records, stays pending until the DNS is there, then serves only the share page", async () => {
    const { person, resumeId, slug } = await sharedResumeOn("enterprise");
    const before = await api("/api/account/domain", { headers: person.headers });
    expect(before.body.data).toMatchObject({ domain: null, entitled: true });

    const put = await putDomain(person.headers, {
      hostname: " CV.Example.org ",
      resume_id: resumeId,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const domain = put.body.data;
    expect(domain).toMatchObject({ hostname: "cv.example.org", state: "pending", local: true });
    const types = domain.records.map((record: { type: string }) => record.type);
    expect(types).toEqual(["CNAME", "TXT", "TXT"]);
    expect(domain.records[0]).toMatchObject({
      name: "cv.example.org",
      value: env.CUSTOM_DOMAIN_CNAME_TARGET,
    });
    expect(domain.records[1].name).toBe("_cf-custom-hostname.cv.example.org");
    expect(domain.records[2].name).toBe("_acme-challenge.cv.example.org");

    // A retry changes nothing: the same hostname at Cloudflare, the same records.
    const again = await putDomain(person.headers, {
      hostname: "cv.example.org",
      resume_id: resumeId,
    });
    expect(again.body.data.records).toEqual(domain.records);
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM custom_domains WHERE hostname = ?",
        "cv.example.org",
      ),
    ).toBe(1);

    expect((await onHost("cv.example.org", "/")).status).toBe(404);
    // Never active on its own: only once the records are there.
    expect((await check(person.headers)).body.data.state).toBe("pending");
    expect((await markDns(person.headers, "cv.example.org")).status).toBe(200);
    const checked = await check(person.headers);
    expect(checked.body.data).toMatchObject({ state: "active", ssl_status: "active" });
    expect(checked.body.data.records.map((r: { type: string }) => r.type)).toEqual(["CNAME"]);

    const page = await onHost("cv.example.org", "/", { headers: { Cookie: "a=b" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Grace Hopper");
    expect(html).toContain(`href="/r/${slug}/pdf"`);
    expect(page.headers.get("set-cookie")).toBeNull();
    const share = await api(`/api/resumes/${resumeId}/share`, { headers: person.headers });
    expect(share.body.data.views).toBe(1);

    const pdf = await onHost("cv.example.org", `/r/${slug}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    for (const path of [`/r/${slug}`, "/api/account/domain", "/login", "/api/health", "/media/x"]) {
      expect((await onHost("cv.example.org", path)).status, path).toBe(404);
    }
    expect((await onHost("cv.example.org", "/", { method: "POST" })).status).toBe(404);
    expect((await onHost("cv.example.org", `/r/${slug}/report`)).status).toBe(200);

    // A password would need a cookie on the customer's host: such a link is not served there.
    const locked = await api(
      `/api/resumes/${resumeId}/share`,
      postJson({ enabled: true, password: "open sesame" }, person.headers),
    );
    expect(locked.status, JSON.stringify(locked.body)).toBe(200);
    expect((await onHost("cv.example.org", "/")).status).toBe(404);
    await api(
      `/api/resumes/${resumeId}/share`,
      postJson({ enabled: true, password: null }, person.headers),
    );
    expect((await onHost("cv.example.org", "/")).status).toBe(200);
  });

  it("refuses bad and taken hostnames, other plans, and hides one account's domain from another", async () => {
    const owner = await activeDomain("taken.example.net");
    const other = await sharedResumeOn("enterprise");
    for (const hostname of [
      "localhost",
      "1.2.3.4",
      "*.example.com",
      "https://x.example.com",
      `${`${"a".repeat(60)}.`.repeat(5)}com`,
      "cv.resume-builder.local",
    ]) {
      const refused = await putDomain(other.person.headers, {
        hostname,
        resume_id: other.resumeId,
      });
      expect(refused.status, hostname).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
    }
    const taken = await putDomain(other.person.headers, {
      hostname: "TAKEN.example.net",
      resume_id: other.resumeId,
    });
    expect(taken.status).toBe(409);
    // Someone else's resume is not found, as is a domain the account does not have.
    const theirs = await putDomain(other.person.headers, {
      hostname: "mine.example.net",
      resume_id: owner.resumeId,
    });
    expect(theirs.status).toBe(404);
    expect((await check(other.person.headers)).status).toBe(404);
    expect((await markDns(other.person.headers, "taken.example.net")).status).toBe(404);
    expect(
      (await api("/api/account/domain", { headers: other.person.headers })).body.data.domain,
    ).toBeNull();

    const free = await sharedResumeOn("premium");
    const upsell = await putDomain(free.person.headers, {
      hostname: "cv.example.com",
      resume_id: free.resumeId,
    });
    expect(upsell.status).toBe(403);
    expect(upsell.body.error.details).toMatchObject({
      feature: "customDomain",
      upgrade_to: "enterprise",
    });
    expect(
      (await api("/api/account/domain", { headers: free.person.headers })).body.data.entitled,
    ).toBe(false);
  });

  it("goes offline at once when removed, and retries of the removal change nothing", async () => {
    const { person } = await activeDomain("gone.example.net");
    expect((await onHost("gone.example.net", "/")).status).toBe(200);
    const removed = await api("/api/account/domain", { method: "DELETE", headers: person.headers });
    expect(removed.status).toBe(200);
    expect(removed.body.data.domain).toBeNull();
    expect((await onHost("gone.example.net", "/")).status).toBe(404);
    const again = await api("/api/account/domain", { method: "DELETE", headers: person.headers });
    expect(again.status).toBe(200);
    expect(await env.CACHE.get("local-custom-hostname-name:gone.example.net")).toBeNull();
  });

  it("goes offline when the plan is lost, and the cron removes the hostname", async () => {
    const { person } = await activeDomain("lapsed.example.net");
    const kept = await activeDomain("kept.example.net");
    expect((await onHost("lapsed.example.net", "/")).status).toBe(200);
    // What a downgrade through billing writes.
    await env.DB.prepare("UPDATE users SET plan = 'premium' WHERE id = ?")
      .bind(person.userId)
      .run();
    expect((await onHost("lapsed.example.net", "/")).status).toBe(404);

    const swept = await sweepCustomDomains(env, Date.now());
    expect(swept.removed).toBe(1);
    expect(
      await countRows("SELECT COUNT(*) AS n FROM custom_domains WHERE user_id = ?", person.userId),
    ).toBe(0);
    expect(await env.CACHE.get("local-custom-hostname-name:lapsed.example.net")).toBeNull();
    expect((await onHost("lapsed.example.net", "/")).status).toBe(404);
    expect((await onHost("kept.example.net", "/")).status).toBe(200);
    expect(
      (await api("/api/account/domain", { headers: kept.person.headers })).body.data.domain.state,
    ).toBe("active");

    // A pending hostname turns active at the cron's check once its DNS is there.
    const waiting = await sharedResumeOn("enterprise");
    await putDomain(waiting.person.headers, {
      hostname: "later.example.net",
      resume_id: waiting.resumeId,
    });
    await markDns(waiting.person.headers, "later.example.net");
    expect((await onHost("later.example.net", "/")).status).toBe(404);
    expect((await sweepCustomDomains(env, Date.now() + 5 * 60_000)).checked).toBe(1);
    expect((await onHost("later.example.net", "/")).status).toBe(200);
  });
});
