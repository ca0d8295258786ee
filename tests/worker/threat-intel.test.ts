import { createScheduledController, env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE } from "../../api/lib/auth-cookies";
import { emailHash } from "../../core/security/threat-intel";
import { THREAT_IMPORT_PREFIX } from "../../server/security/threat-import";
import worker from "../../worker";
import { PASSWORD, postJson, signedInPerson } from "./auth-support";
import { api, bearerFor, countRows, servedAt, uniqueId } from "./helpers";

const DAY = 86_400_000;
/** Addresses here come from 198.18.0.0/15 (benchmarking), never from freshIp's range. */
const ADMIN_IP = "198.19.250.1";
let keys = 0;
const key = () => `threat-${Date.now().toString(36)}-${++keys}`;
let octet = 0;
const freshNet = () => `198.18.${++octet}`;

async function admin(mfa = true) {
  const { headers } = await bearerFor("admin", undefined, mfa);
  return { ...headers, "CF-Connecting-IP": ADMIN_IP };
}

async function list(body: Record<string, unknown>, headers?: Record<string, string>) {
  return api("/api/admin/threats", {
    method: "POST",
    headers: {
      ...(headers ?? (await admin())),
      "Content-Type": "application/json",
      "Idempotency-Key": key(),
    },
    body: JSON.stringify({ reason: "seen in a botnet", days: 7, ...body }),
  });
}

async function unlist(entry: string) {
  return api("/api/admin/threats/remove", {
    method: "POST",
    headers: { ...(await admin()), "Content-Type": "application/json", "Idempotency-Key": key() },
    body: JSON.stringify({ key: entry }),
  });
}

/** A registration from `ip` whose body is not JSON: only a check before the body answers 403. */
const brokenRegistration = (headers: Record<string, string>) =>
  api("/api/auth/register", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: "{ not json",
  });

describe("threat intelligence on every request", () => {
  it("answers 403 threat_blocked for a high address, /24 network, device and ASN, before the body is read", async () => {
    const ip = `${freshNet()}.7`;
    const net = freshNet();
    const device = "AbCdEfGhIjKlMnOpQrStUv";
    for (const [kind, value] of [
      ["ip", ip],
      ["ip", `${net}.0/24`],
      ["fp", device],
      ["asn", "64501"],
    ]) {
      const added = await list({ kind, value, severity: "high" });
      expect(added.status).toBe(201);
    }
    const blocked = [
      await brokenRegistration({ "CF-Connecting-IP": ip }),
      await brokenRegistration({ "CF-Connecting-IP": `${net}.200` }),
      await brokenRegistration({
        "CF-Connecting-IP": ADMIN_IP,
        Cookie: `${DEVICE_COOKIE}=${device}`,
      }),
    ];
    for (const answer of blocked) {
      expect(answer.status).toBe(403);
      expect(answer.body.success).toBe(false);
      expect(answer.body.error.code).toBe("threat_blocked");
    }
    // Cloudflare's `request.cf.asn`, injected as the edge would set it.
    const byAsn = await SELF.fetch("http://localhost/api/health", {
      headers: { "CF-Connecting-IP": ADMIN_IP },
      cf: { asn: 64501 },
    } as RequestInit);
    expect(byAsn.status).toBe(403);
    expect(((await byAsn.json()) as { error: { code: string } }).error.code).toBe("threat_blocked");
    // Public share pages too.
    const share = await SELF.fetch("http://localhost/r/any-slug", {
      headers: { "CF-Connecting-IP": ip },
    });
    expect(share.status).toBe(403);
    // The same broken body from an unlisted address reaches validation.
    expect((await brokenRegistration({ "CF-Connecting-IP": `${freshNet()}.1` })).status).toBe(400);
  });

  it("blocks sign-up and sign-in of a high email (by its hash), letting a medium one through", async () => {
    const person = await signedInPerson();
    const listed = await list({
      kind: "email",
      value: person.email.toUpperCase(),
      severity: "high",
    });
    expect(listed.body.data.value).toBe(await emailHash(person.email));
    const login = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe("threat_blocked");
    const email = `${uniqueId("listed")}@example.test`;
    await list({ kind: "email", value: email, severity: "high" });
    const register = await api(
      "/api/auth/register",
      postJson({ email, password: PASSWORD, name: "Listed Person" }),
    );
    expect(register.body.error.code).toBe("threat_blocked");
    expect(await countRows("SELECT count(*) AS n FROM users WHERE email = ?", email)).toBe(0);

    await list({ kind: "email", value: person.email, severity: "medium" });
    const medium = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    expect(medium.status).toBe(200);
  });

  it("lets medium and low entries through, and an entry past its end blocks nothing", async () => {
    const medium = `${freshNet()}.9`;
    await list({ kind: "ip", value: medium, severity: "medium" });
    expect((await api("/api/health", { headers: { "CF-Connecting-IP": medium } })).status).toBe(
      200,
    );
    // A value written by hand that is not JSON reads as nothing, never as a 500.
    const garbled = `${freshNet()}.9`;
    await env.THREAT_INTEL.put(`ip:${garbled}`, "high");
    expect((await api("/api/health", { headers: { "CF-Connecting-IP": garbled } })).status).toBe(
      200,
    );

    const now = Date.now();
    const expiring = `${freshNet()}.9`;
    await list({ kind: "ip", value: expiring, severity: "high", days: 1 });
    const during = await api("/api/health", {
      headers: { "CF-Connecting-IP": expiring, ...servedAt(now + DAY / 2) },
    });
    expect(during.status).toBe(403);
    const after = await api("/api/health", {
      headers: { "CF-Connecting-IP": expiring, ...servedAt(now + DAY + 60_000) },
    });
    expect(after.status).toBe(200);
  });
});

describe("the threat-intelligence admin API", () => {
  it("lists, searches and removes entries with a second factor and an idempotency key, audited", async () => {
    const moderator = await list(
      { kind: "ip", value: "198.18.200.1", severity: "low" },
      (await bearerFor("moderator")).headers,
    );
    expect(moderator.status).toBe(403);
    const noFactor = await list(
      { kind: "ip", value: "198.18.200.1", severity: "low" },
      await admin(false),
    );
    expect(noFactor.body.error.code).toBe("mfa_required");
    const wide = await list({ kind: "ip", value: "198.18.0.0/16", severity: "low" });
    expect(wide.status).toBe(400);

    const net = freshNet();
    const added = await list({ kind: "ip", value: `${net}.77/24`, severity: "high" });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({
      key: `ip:${net}.0/24`,
      source: "admin",
      active: true,
    });
    const found = await api(`/api/admin/threats?q=${net}.&kind=ip`, { headers: await admin() });
    expect(found.body.data.map((row: { key: string }) => row.key)).toEqual([`ip:${net}.0/24`]);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'threat_intel.added' AND resource_id = ?",
        `ip:${net}.0/24`,
      ),
    ).toBe(1);
    expect((await api("/api/health", { headers: { "CF-Connecting-IP": `${net}.5` } })).status).toBe(
      403,
    );

    const removed = await unlist(`ip:${net}.0/24`);
    expect(removed.status).toBe(200);
    expect(await env.THREAT_INTEL.get(`ip:${net}.0/24`)).toBeNull();
    expect((await api("/api/health", { headers: { "CF-Connecting-IP": `${net}.5` } })).status).toBe(
      200,
    );
    expect((await unlist(`ip:${net}.0/24`)).status).toBe(404);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'threat_intel.removed' AND resource_id = ?",
        `ip:${net}.0/24`,
      ),
    ).toBe(1);
  });
});

describe("the daily import from R2", () => {
  it("imports each uploaded file version once, with the file as the source, and audits the counts", async () => {
    const file = `${uniqueId("list")}.jsonl`;
    const net = freshNet();
    const lines = [
      { kind: "ip", value: `${net}.1`, severity: "high", reason: "scanner", days: 3 },
      { kind: "asn", value: "AS64777", severity: "medium", reason: "bulletproof hosting" },
      { kind: "email", value: "Spammer@Example.test", severity: "low", reason: "spam" },
      { kind: "ip", value: "not an address", severity: "high", reason: "bad line" },
      // the same key twice: one entry, the later line winning
      { kind: "asn", value: "64777", severity: "low", reason: "downgraded" },
    ];
    const text = `${lines.map((line) => JSON.stringify(line)).join("\n")}\n{broken\n`;
    await env.FILES.put(`${THREAT_IMPORT_PREFIX}${file}`, text);

    const daily = () =>
      worker.scheduled(
        createScheduledController({ scheduledTime: Date.now(), cron: "0 3 * * *" }),
        env,
      );
    await daily();
    const entry = await env.THREAT_INTEL.get<{ source: string; severity: string }>(
      `ip:${net}.1`,
      "json",
    );
    expect(entry).toMatchObject({ source: file, severity: "high" });
    expect(await env.THREAT_INTEL.get("asn:64777", "json")).toMatchObject({ severity: "low" });
    expect(
      await countRows("SELECT count(*) AS n FROM threat_intel_entries WHERE source = ?", file),
    ).toBe(3);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM threat_intel_entries WHERE key = ?",
        `email:${await emailHash("spammer@example.test")}`,
      ),
    ).toBe(1);
    const audited = () =>
      env.DB.prepare(
        "SELECT details_json FROM audit_log WHERE action = 'threat_intel.imported' AND resource_id LIKE ?",
      )
        .bind(`%${file.slice(-40)}@%`)
        .all<{ details_json: string }>();
    const first = await audited();
    expect(first.results).toHaveLength(1);
    expect(JSON.parse(first.results[0]!.details_json)).toMatchObject({ upserted: 3, rejected: 2 });

    // The same version again: nothing imported, nothing audited.
    await env.THREAT_INTEL.delete(`ip:${net}.1`);
    await daily();
    expect(await env.THREAT_INTEL.get(`ip:${net}.1`)).toBeNull();
    expect((await audited()).results).toHaveLength(1);

    // A new upload under the same name is a new version.
    await env.FILES.put(`${THREAT_IMPORT_PREFIX}${file}`, `${JSON.stringify(lines[0])}\n`);
    await daily();
    expect(await env.THREAT_INTEL.get(`ip:${net}.1`)).not.toBeNull();
    expect((await audited()).results).toHaveLength(2);
  });
});
