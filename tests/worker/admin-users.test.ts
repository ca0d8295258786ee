import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, bearerFor, uniqueId } from "./helpers";

const DAY = 86_400_000;
let tagSequence = 0;
/** A word no other test's account has, so each test searches only its own accounts. */
const freshTag = () => `tag${Date.now().toString(36)}x${++tagSequence}`;

interface Seed {
  name: string;
  email: string;
  status?: string;
  plan?: string;
  role?: string;
  mfa?: boolean;
  createdAt?: number;
  lastLoginAt?: number | null;
  customerId?: string;
}

async function seedUser(seed: Seed): Promise<string> {
  const id = uniqueId("acct");
  const created = seed.createdAt ?? Date.now();
  await env.DB.prepare(
    "INSERT INTO users (id, email, name, status, plan, role, mfa_enabled, created_at, updated_at, last_login_at, email_verified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(
      id,
      seed.email,
      seed.name,
      seed.status ?? "active",
      seed.plan ?? "free",
      seed.role ?? "user",
      seed.mfa ? 1 : 0,
      created,
      created,
      seed.lastLoginAt ?? null,
      created,
    )
    .run();
  if (seed.customerId) {
    await env.DB.prepare(
      "INSERT INTO billing_customers (user_id, customer_id, mode, created_at, updated_at) VALUES (?, ?, 'stripe', ?, ?)",
    )
      .bind(id, seed.customerId, created, created)
      .run();
  }
  return id;
}

async function listIds(query: string, role: "support" | "admin" = "support") {
  const { headers } = await bearerFor(role);
  const result = await api(`/api/admin/users?${query}`, { headers });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return {
    ids: (result.body.data as { id: string }[]).map((item) => item.id),
    body: result.body,
  };
}

describe("GET /api/admin/users: search", () => {
  it("finds accounts by word prefixes of name and email, exact id, email and customer id", async () => {
    const tag = freshTag();
    const ada = await seedUser({
      name: `Ada Lovelace ${tag}`,
      email: `ada.${tag}@analytical.test`,
      customerId: `cus_${tag}`,
    });
    const grace = await seedUser({ name: `Grace Hopper ${tag}`, email: `grace.${tag}@cobol.test` });
    const outsider = await seedUser({ name: "Ada Outsider", email: `other${tag}@else.test` });

    expect((await listIds(`q=${tag}`)).ids.sort()).toEqual([ada, grace].sort());
    // Every word must match, each as a prefix, in the name or the email.
    expect((await listIds(`q=${encodeURIComponent(`lov ${tag}`)}`)).ids).toEqual([ada]);
    expect((await listIds(`q=${encodeURIComponent(`${tag} cob`)}`)).ids).toEqual([grace]);
    expect((await listIds(`q=${encodeURIComponent(`ada ${tag.slice(0, -1)}`)}`)).ids).toContain(
      ada,
    );
    // Exact lookups: the id, the whole email (any case), the payment customer id.
    expect((await listIds(`q=${ada}`)).ids).toEqual([ada]);
    expect((await listIds(`q=${encodeURIComponent(`GRACE.${tag}@cobol.test`)}`)).ids).toEqual([
      grace,
    ]);
    expect((await listIds(`q=cus_${tag}`)).ids).toEqual([ada]);
    expect((await listIds(`q=${encodeURIComponent(`ada other${tag}`)}`)).ids).toEqual([outsider]);
    // FTS5 syntax in the input is only punctuation: no error, no match.
    expect((await listIds(`q=${encodeURIComponent(`"${tag}"*: (`)}`)).ids.sort()).toEqual(
      [ada, grace].sort(),
    );
    const list = await listIds(`q=${ada}`);
    expect(list.body.data[0]).toMatchObject({
      id: ada,
      email: `ada.${tag}@analytical.test`,
      status: "active",
      role: "user",
      plan: "free",
      email_verified: true,
      mfa_enabled: false,
      customer_id: `cus_${tag}`,
      last_login_at: null,
    });
  });

  it("keeps the search index in step with renames and deletions", async () => {
    const tag = freshTag();
    const id = await seedUser({ name: `Katherine ${tag}`, email: `kj.${tag}@nasa.test` });
    expect((await listIds(`q=${encodeURIComponent(`katherine ${tag}`)}`)).ids).toEqual([id]);
    await env.DB.prepare("UPDATE users SET name = ?, email = ? WHERE id = ?")
      .bind(`Johnson ${tag}`, `johnson.${tag}@nasa.test`, id)
      .run();
    expect((await listIds(`q=${encodeURIComponent(`katherine ${tag}`)}`)).ids).toEqual([]);
    expect((await listIds(`q=${encodeURIComponent(`johns ${tag}`)}`)).ids).toEqual([id]);
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(id).run();
    expect((await listIds(`q=${tag}`)).ids).toEqual([]);
  });
});

describe("GET /api/admin/users: filters, sort and pages", () => {
  it("filters by status, plan, role, MFA, sign-up and last-active days", async () => {
    const tag = freshTag();
    const jan = Date.parse("2026-01-15T12:00:00Z");
    const mar = Date.parse("2026-03-15T12:00:00Z");
    const suspended = await seedUser({
      name: `S ${tag}`,
      email: `s.${tag}@x.test`,
      status: "suspended",
      createdAt: jan,
      lastLoginAt: mar,
    });
    const premium = await seedUser({
      name: `P ${tag}`,
      email: `p.${tag}@x.test`,
      plan: "premium",
      mfa: true,
      createdAt: mar,
      lastLoginAt: mar + 20 * DAY,
    });
    const moderator = await seedUser({
      name: `M ${tag}`,
      email: `m.${tag}@x.test`,
      role: "moderator",
      createdAt: mar + DAY,
    });
    const q = `q=${tag}`;
    expect((await listIds(`${q}&status=suspended`)).ids).toEqual([suspended]);
    expect((await listIds(`${q}&plan=premium`)).ids).toEqual([premium]);
    expect((await listIds(`${q}&role=moderator`)).ids).toEqual([moderator]);
    expect((await listIds(`${q}&has_mfa=true`)).ids).toEqual([premium]);
    expect((await listIds(`${q}&has_mfa=false&sort=email&order=asc`)).ids).toEqual([
      moderator,
      suspended,
    ]);
    // Day bounds include the whole day at both ends.
    expect((await listIds(`${q}&signed_up_from=2026-03-15&signed_up_to=2026-03-15`)).ids).toEqual([
      premium,
    ]);
    expect((await listIds(`${q}&signed_up_to=2026-01-15`)).ids).toEqual([suspended]);
    expect((await listIds(`${q}&active_from=2026-03-16`)).ids).toEqual([premium]);
    expect((await listIds(`${q}&active_to=2026-03-15`)).ids).toEqual([suspended]);
  });

  it("sorts by sign-up, last sign-in or email, both ways, and pages with totals", async () => {
    const tag = freshTag();
    const base = Date.parse("2026-05-01T00:00:00Z");
    const ids: string[] = [];
    for (const [index, letter] of ["c", "a", "e", "b", "d"].entries()) {
      ids.push(
        await seedUser({
          name: `${letter} ${tag}`,
          email: `${letter}.${tag}@x.test`,
          createdAt: base + index * DAY,
          lastLoginAt: base + (10 - index) * DAY,
        }),
      );
    }
    const [c, a, e, b, d] = ids as [string, string, string, string, string];
    const q = `q=${tag}`;
    expect((await listIds(q)).ids).toEqual([d, b, e, a, c]);
    expect((await listIds(`${q}&sort=created_at&order=asc`)).ids).toEqual([c, a, e, b, d]);
    expect((await listIds(`${q}&sort=email&order=asc`)).ids).toEqual([a, b, c, d, e]);
    expect((await listIds(`${q}&sort=email&order=desc`)).ids).toEqual([e, d, c, b, a]);
    expect((await listIds(`${q}&sort=last_login_at&order=desc`)).ids).toEqual([c, a, e, b, d]);
    const page2 = await listIds(`${q}&sort=email&order=asc&per_page=2&page=2`);
    expect(page2.ids).toEqual([c, d]);
    expect(page2.body.pagination).toEqual({ page: 2, per_page: 2, total: 5, total_pages: 3 });
    expect((await listIds(`${q}&sort=email&order=asc&per_page=2&page=3`)).ids).toEqual([e]);
    expect((await listIds(`${q}&per_page=2&page=4`)).ids).toEqual([]);
  });

  it("refuses unknown filters' values and unbounded input with 400", async () => {
    const { headers } = await bearerFor("support");
    for (const query of [
      "sort=name",
      "order=up",
      "per_page=101",
      "page=0",
      "status=gone",
      "plan=gold",
      "has_mfa=yes",
      "signed_up_from=2026-13-01",
      `q=${"a".repeat(201)}`,
    ]) {
      const result = await api(`/api/admin/users?${query}`, { headers });
      expect(result.status, query).toBe(400);
      expect(result.body.error.code).toBe("validation_failed");
    }
  });
});

describe("GET /api/admin/users/{id}", () => {
  it("gathers profile, billing, resumes, sessions, sign-ins, standing, audit and notes", async () => {
    const tag = freshTag();
    const now = Date.now();
    const email = `detail.${tag}@x.test`;
    const id = await seedUser({ name: `Detail ${tag}`, email, customerId: `cus_${tag}` });
    await env.DB.prepare(
      "INSERT INTO resumes (id, user_id, title, template, data_json, created_at, updated_at) VALUES (?, ?, 'Engineer CV', 'classic', '{}', ?, ?)",
    )
      .bind(`rs-${tag}`, id, now, now)
      .run();
    await env.DB.prepare(
      "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at, user_agent, ip) VALUES (?, ?, ?, ?, ?, ?, 'Firefox', '198.51.100.7')",
    )
      .bind(`rt-${tag}`, id, `fam-${tag}`, `hash-${tag}`, now - 1000, now + DAY)
      .run();
    await env.DB.prepare(
      "INSERT INTO login_attempts (email, ip, succeeded, at) VALUES (?, '198.51.100.7', 0, ?), (?, '198.51.100.7', 1, ?)",
    )
      .bind(email, now - 2000, email, now - 1000)
      .run();
    await env.DB.prepare(
      "INSERT INTO audit_log (id, at, actor_id, actor_role, action, resource_type, resource_id, details_json) VALUES (?, ?, 'user:someone', 'admin', 'user.test_action', 'user', ?, '{}')",
    )
      .bind(`au-${tag}`, now, id)
      .run();

    const { headers } = await bearerFor("support");
    const result = await api(`/api/admin/users/${id}`, { headers });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const detail = result.body.data;
    expect(detail.profile).toMatchObject({
      id,
      email,
      customer_id: `cus_${tag}`,
      plan_intent: null,
    });
    expect(detail.subscription).toMatchObject({ plan: "free", subscription: null });
    expect(detail.resumes).toEqual([
      expect.objectContaining({ id: `rs-${tag}`, title: "Engineer CV", share: null }),
    ]);
    expect(detail.sessions).toEqual([
      expect.objectContaining({ id: `fam-${tag}`, user_agent: "Firefox", ip: "198.51.100.7" }),
    ]);
    expect(detail.sign_ins.map((s: { succeeded: boolean }) => s.succeeded)).toEqual([true, false]);
    expect(detail.standing).toMatchObject({ status: "active", active_strikes: 0, strikes: [] });
    expect(detail.audit.map((entry: { id: string }) => entry.id)).toEqual([`au-${tag}`]);
    expect(detail.exports).toEqual([]);
    expect(detail.notes).toEqual([]);
  });

  it("answers 404 for an unknown account and 400 for a malformed id", async () => {
    const { headers } = await bearerFor("support");
    const missing = await api("/api/admin/users/no-such-account", { headers });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    expect((await api("/api/admin/users/bad%20id!", { headers })).status).toBe(400);
  });

  it("needs users.read: 401 without credentials, 403 for customers", async () => {
    expect((await api("/api/admin/users")).status).toBe(401);
    const customer = await bearerFor("user");
    expect((await api("/api/admin/users", { headers: customer.headers })).status).toBe(403);
    const moderator = await bearerFor("moderator");
    expect((await api("/api/admin/users", { headers: moderator.headers })).status).toBe(200);
  });
});

describe("/api/admin/users/{id}/notes", () => {
  const post = (id: string, headers: Record<string, string>, body: unknown, key?: string) =>
    api(`/api/admin/users/${id}/notes`, {
      method: "POST",
      headers: {
        ...headers,
        "Content-Type": "application/json",
        ...(key ? { "Idempotency-Key": key } : {}),
      },
      body: JSON.stringify(body),
    });

  it("adds a note once per key, with author and time, audited, newest first", async () => {
    const tag = freshTag();
    const id = await seedUser({ name: `Noted ${tag}`, email: `noted.${tag}@x.test` });
    const authorId = await seedUser({ name: `Staff ${tag}`, email: `staff.${tag}@x.test` });
    const { headers } = await bearerFor("admin", authorId);
    const first = await post(id, headers, { body: "  Called about a refund.  " }, `key-${tag}-1`);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.data).toMatchObject({
      body: "Called about a refund.",
      author_id: `user:${authorId}`,
      author_email: `staff.${tag}@x.test`,
    });
    const replay = await post(id, headers, { body: "  Called about a refund.  " }, `key-${tag}-1`);
    expect(replay.status).toBe(201);
    expect(replay.body.data.id).toBe(first.body.data.id);
    const second = await post(id, headers, { body: "Second note" }, `key-${tag}-2`);
    expect(second.status).toBe(201);

    const support = await bearerFor("support");
    const list = await api(`/api/admin/users/${id}/notes`, { headers: support.headers });
    expect(list.status).toBe(200);
    expect(list.body.data.map((note: { body: string }) => note.body)).toEqual(
      expect.arrayContaining(["Second note", "Called about a refund."]),
    );
    expect(list.body.data).toHaveLength(2);
    const detail = await api(`/api/admin/users/${id}`, { headers: support.headers });
    expect(detail.body.data.notes).toHaveLength(2);
    const audited = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'user.note_added' AND resource_id = ?",
    )
      .bind(id)
      .first<{ n: number }>();
    expect(audited?.n).toBe(2);
  });

  it("validates the body and the key, needs users.write, and 404s unknown accounts", async () => {
    const tag = freshTag();
    const id = await seedUser({ name: `V ${tag}`, email: `v.${tag}@x.test` });
    const admin = await bearerFor("admin");
    expect((await post(id, admin.headers, { body: "No key" })).status).toBe(400);
    for (const body of [
      { body: "" },
      { body: "   " },
      { body: "x".repeat(2001) },
      {},
      { body: "ok", x: 1 },
    ]) {
      const result = await post(
        id,
        admin.headers,
        body,
        `key-${tag}-${JSON.stringify(body).length}`,
      );
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.error.code).toBe("validation_failed");
    }
    expect(
      (await post(id, admin.headers, { body: "x".repeat(2000) }, `key-${tag}-max`)).status,
    ).toBe(201);
    const support = await bearerFor("support");
    expect((await post(id, support.headers, { body: "Not mine" }, `key-${tag}-s`)).status).toBe(
      403,
    );
    expect(
      (await post("no-such-account", admin.headers, { body: "?" }, `key-${tag}-n`)).status,
    ).toBe(404);
    expect(
      (await api("/api/admin/users/no-such-account/notes", { headers: support.headers })).status,
    ).toBe(404);
  });
});
