import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { BULK_EXPORT_COLUMNS } from "../../core/contract/admin-bulk";
import { sha256Hex } from "../../core/security/crypto";
import { EXPORT_PAGE_ROWS } from "../../server/admin-users/bulk-export";
import { api, bearerFor, countRows, servedAt, uniqueId } from "./helpers";

/** Bulk actions on the admin users list (README "Admin: users", bulk actions). */

const DAY = 86_400_000;
let tagSequence = 0;
/** A word no other test's account has, so each test's filter matches only its own accounts. */
const freshTag = () => `bulk${Date.now().toString(36)}x${++tagSequence}`;

interface Seed {
  name: string;
  email?: string;
  status?: string;
  role?: string;
  id?: string;
  customerId?: string;
}

const insertUser = (seed: Seed & { id: string; at: number }) =>
  env.DB.prepare(
    "INSERT INTO users (id, email, name, status, plan, role, mfa_enabled, created_at, updated_at, last_login_at, email_verified_at) VALUES (?, ?, ?, ?, 'free', ?, 0, ?, ?, NULL, ?)",
  ).bind(
    seed.id,
    seed.email ?? `${seed.id}@example.test`.toLowerCase(),
    seed.name,
    seed.status ?? "active",
    seed.role ?? "user",
    seed.at,
    seed.at,
    seed.at,
  );

/** Seeds accounts in order (rowids ascend with it) and answers their ids. */
async function seedUsers(seeds: Seed[], at = Date.now()): Promise<string[]> {
  const rows = seeds.map((seed) => ({ ...seed, id: seed.id ?? uniqueId("acct"), at }));
  for (let start = 0; start < rows.length; start += 100) {
    await env.DB.batch(rows.slice(start, start + 100).map(insertUser));
  }
  for (const row of rows.filter((row) => row.customerId)) {
    await env.DB.prepare(
      "INSERT INTO billing_customers (user_id, customer_id, mode, created_at, updated_at) VALUES (?, ?, 'stripe', ?, ?)",
    )
      .bind(row.id, row.customerId, at, at)
      .run();
  }
  return rows.map((row) => row.id);
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      i++;
    } else cell += char;
  }
  expect(cell === "" && record.length === 0, "the file ends with CRLF").toBe(true);
  return records;
}

const post = (path: string, headers: Record<string, string>, body: unknown) =>
  api(path, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const exportCsv = (headers: Record<string, string>, selection: unknown) =>
  post("/api/admin/users/bulk/export", headers, { selection });

const suspend = (headers: Record<string, string>, body: unknown, key?: string) =>
  post(
    "/api/admin/users/bulk/suspend",
    key ? { ...headers, "Idempotency-Key": key } : headers,
    body,
  );

async function auditOf(action: string, actorId: string) {
  const { results } = await env.DB.prepare(
    "SELECT resource_id, details_json FROM audit_log WHERE action = ? AND actor_id = ? ORDER BY at",
  )
    .bind(action, actorId)
    .all<{ resource_id: string | null; details_json: string }>();
  return results.map((row) => ({ resourceId: row.resource_id, ...JSON.parse(row.details_json) }));
}

const statusOf = (id: string) =>
  env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(id).first<string>("status");

describe("POST /api/admin/users/bulk/export", () => {
  it("streams the filter's accounts as RFC 4180 CSV, defusing formulas, and audits it", async () => {
    const tag = freshTag();
    const now = Date.UTC(2026, 10, 5, 23, 30);
    const ids = await seedUsers(
      [
        { name: `Ada, Countess ${tag}`, customerId: `cus_${tag}` },
        { name: `"Grace" ${tag}\r\nHopper` },
        { name: `=HYPERLINK("http://evil.test") ${tag}` },
        { name: `+1 555 ${tag}` },
        { name: `-2 ${tag}` },
        { name: `@SUM(A1) ${tag}` },
        { name: `\tTabbed ${tag}` },
        { name: `Suspended ${tag}`, status: "suspended" },
      ],
      now - DAY,
    );
    const admin = await bearerFor("support");
    const answer = await api("/api/admin/users/bulk/export", {
      method: "POST",
      headers: { ...admin.headers, ...servedAt(now), "Content-Type": "application/json" },
      body: JSON.stringify({ selection: { filter: { q: tag, status: "active" } } }),
    });
    expect(answer.status, String(answer.body)).toBe(200);
    expect(answer.response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.response.headers.get("content-disposition")).toBe(
      'attachment; filename="users-2026-11-05.csv"',
    );
    expect(answer.response.headers.get("x-export-rows")).toBe("7");
    const text = answer.body as string;
    expect(text.startsWith(`${BULK_EXPORT_COLUMNS.join(",")}\r\n`)).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...BULK_EXPORT_COLUMNS]);
    // the filter's accounts in the order they were created (rowid), the suspended one left out
    expect(records.map((record) => record[0])).toEqual(ids.slice(0, 7));
    const names = records.map((record) => record[2]);
    expect(names).toEqual([
      `Ada, Countess ${tag}`,
      `"Grace" ${tag}\r\nHopper`,
      `'=HYPERLINK("http://evil.test") ${tag}`,
      `'+1 555 ${tag}`,
      `'-2 ${tag}`,
      `'@SUM(A1) ${tag}`,
      `'\tTabbed ${tag}`,
    ]);
    // quoting as RFC 4180 spells it, checked on the raw text too
    expect(text).toContain(`,"Ada, Countess ${tag}",`);
    expect(text).toContain(`,"""Grace"" ${tag}\r\nHopper",`);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.test"") ${tag}",`);
    expect(records[0]).toEqual([
      ids[0],
      `${ids[0]}@example.test`.toLowerCase(),
      `Ada, Countess ${tag}`,
      "active",
      "user",
      "free",
      "true",
      "false",
      `cus_${tag}`,
      new Date(now - DAY).toISOString(),
      "",
    ]);
    // the list shows the same accounts for the same filter
    const list = await api(`/api/admin/users?q=${tag}&status=active&per_page=100`, admin);
    expect(list.body.data.map((row: { id: string }) => row.id).sort()).toEqual(
      ids.slice(0, 7).sort(),
    );
    const [audit] = await auditOf("users.exported", `user:${admin.id}`);
    expect(audit).toMatchObject({ selection: { filter: { q: tag, status: "active" } }, rows: 7 });
  });

  it("exports ticked ids (unknown ones simply absent) and pages past 500 accounts", async () => {
    const tag = freshTag();
    const count = EXPORT_PAGE_ROWS * 2 + 3;
    const ids = await seedUsers(
      Array.from({ length: count }, (_, n) => ({ name: `Person ${n} ${tag}` })),
    );
    const admin = await bearerFor("admin");
    const all = await exportCsv(admin.headers, { filter: { q: tag } });
    expect(all.status).toBe(200);
    const [, ...records] = parseCsv(all.body);
    // every account once, in order, across three pages of the keyset
    expect(records.map((record) => record[0])).toEqual(ids);

    const ticked = [ids[700], ids[3], "nobody-has-this-id"] as string[];
    const some = await exportCsv(admin.headers, { ids: ticked });
    expect(some.status).toBe(200);
    expect(some.response.headers.get("x-export-rows")).toBe("2");
    const [, ...picked] = parseCsv(some.body);
    expect(picked.map((record) => record[0])).toEqual([ids[3], ids[700]]);
    const audits = await auditOf("users.exported", `user:${admin.id}`);
    expect(audits.at(-1)).toMatchObject({ selection: { ids: ticked }, rows: 2 });
  });

  it("refuses bad selections (400) and callers without users.read or a fresh second factor", async () => {
    const admin = await bearerFor("admin");
    const tooMany = Array.from({ length: 1001 }, (_, n) => `id-${n}`);
    const refusals = [
      { selection: { ids: tooMany } },
      { selection: { ids: ["a"], filter: {} } },
      { selection: { ids: [] } },
      { selection: { ids: ["a", "a"] } },
      { selection: { filter: { page: 2 } } },
      { selection: { filter: { status: "sleeping" } } },
      {},
    ];
    for (const body of refusals) {
      const answer = await post("/api/admin/users/bulk/export", admin.headers, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe("validation_failed");
    }
    const selection = { filter: { q: "anything" } };
    const customer = await exportCsv((await bearerFor("user")).headers, selection);
    expect(customer.status).toBe(403);
    expect(customer.body.error.code).toBe("forbidden");
    const stale = await exportCsv((await bearerFor("super_admin", undefined, false)).headers, {
      ...selection,
    });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe("mfa_required");
    expect((await exportCsv({}, selection)).status).toBe(401);
  });
});

describe("POST /api/admin/users/bulk/suspend", () => {
  it("hands each customer to its ban workflow, skips with reasons, and replays a retry", async () => {
    const tag = freshTag();
    const adminId = uniqueId("admin");
    const [first, second, staff, banned, self] = await seedUsers([
      { name: `First ${tag}` },
      { name: `Second ${tag}` },
      { name: `Staff ${tag}`, role: "support" },
      { name: `Banned ${tag}`, status: "banned" },
      { id: adminId, name: `Admin ${tag}`, role: "admin" },
    ]);
    const admin = await bearerFor("admin", adminId);
    const body = {
      ids: [first, "nobody-has-this-id", staff, self, banned, second],
      days: 3,
      reason: "tos_violation",
      note: "Scraping",
    };
    const key = uniqueId("bulk-key");
    const answer = await suspend(admin.headers, body, key);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.data).toEqual({
      requested: [first, second],
      skipped: [
        { id: "nobody-has-this-id", reason: "not_found" },
        { id: staff, reason: "staff" },
        { id: self, reason: "yourself" },
        { id: banned, reason: "already_banned" },
      ],
    });

    // the workflow applies each suspension: 3 days, the reason given, by this admin
    for (const id of [first, second] as string[]) {
      await vi.waitFor(async () => expect(await statusOf(id)).toBe("suspended"), {
        timeout: 15_000,
        interval: 100,
      });
      const sanction = await env.DB.prepare(
        "SELECT kind, reason, source, note, starts_at, ends_at FROM account_sanctions WHERE user_id = ?",
      )
        .bind(id)
        .first<{
          kind: string;
          reason: string;
          source: string;
          note: string;
          starts_at: number;
          ends_at: number;
        }>();
      expect(sanction).toMatchObject({
        kind: "suspension",
        reason: "tos_violation",
        source: "admin",
        note: "Scraping",
      });
      expect(sanction!.ends_at - sanction!.starts_at).toBe(3 * DAY);
    }
    expect(await statusOf(staff as string)).toBe("active");
    expect(await statusOf(self as string)).toBe("active");

    const audits = await auditOf("account.suspend_requested", `user:${adminId}`);
    expect(audits.map((audit) => audit.resourceId)).toEqual(
      expect.arrayContaining([first, second]),
    );
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      before: { status: "active" },
      after: { action: "suspend", days: 3, reason: "tos_violation", note: "Scraping" },
    });

    // the same key again: the first answer, nothing requested twice
    const replay = await suspend(admin.headers, body, key);
    expect(replay.body.data).toEqual(answer.body.data);
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    // a retry that outran the kept answer still writes no second request and no second audit
    await env.CACHE.delete(`idem:${await sha256Hex(`user:${adminId}:bulk-suspend:${key}`)}`);
    const rerun = await suspend(admin.headers, body, key);
    expect(rerun.body.data.requested).toEqual([first, second]);
    const requests = (id: string) =>
      countRows("SELECT count(*) AS n FROM escalation_requests WHERE user_id = ?", id);
    expect(await requests(first as string)).toBe(1);
    expect(await requests(second as string)).toBe(1);
    expect(await auditOf("account.suspend_requested", `user:${adminId}`)).toHaveLength(2);
    // the same key with another request is a conflict
    const changed = await suspend(admin.headers, { ...body, days: 4 }, key);
    expect(changed.status).toBe(409);
  });

  it("refuses bad requests (400) and callers without users.write (403)", async () => {
    const admin = await bearerFor("admin");
    const valid = { ids: ["someone"], days: 3, reason: "spam_scam" };
    const refusals = [
      { ...valid, ids: Array.from({ length: 101 }, (_, n) => `id-${n}`) },
      { ...valid, ids: [] },
      { ...valid, days: 0 },
      { ...valid, days: 31 },
      { ...valid, reason: "boredom" },
      { ...valid, filter: {} },
      { ...valid, note: "x".repeat(501) },
    ];
    for (const body of refusals) {
      const answer = await suspend(admin.headers, body, uniqueId("key"));
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const keyless = await suspend(admin.headers, valid);
    expect(keyless.status).toBe(400);
    expect(keyless.body.error.details[0].path).toEqual(["idempotency-key"]);
    for (const role of ["moderator", "support", "billing_admin"] as const) {
      const refused = await suspend((await bearerFor(role)).headers, valid, uniqueId("key"));
      expect(refused.status, role).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
    }
    const stale = await suspend(
      (await bearerFor("admin", undefined, false)).headers,
      valid,
      uniqueId("key"),
    );
    expect(stale.body.error.code).toBe("mfa_required");
  });
});
