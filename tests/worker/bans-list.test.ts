import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, bearerFor, uniqueId } from "./helpers";

const HOUR = 3_600_000;

async function accountWith(sanction: {
  kind: "suspension" | "ban";
  reason: string;
  startsAt: number;
  endsAt: number | null;
  liftedAt?: number;
}) {
  const userId = uniqueId("banned");
  const email = `${userId}@example.test`;
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO users (id, email, name, status, created_at, updated_at) VALUES (?, ?, 'Dorothy Vaughan', 'active', ?, ?)",
  )
    .bind(userId, email, now, now)
    .run();
  const id = uniqueId("sanction");
  await env.DB.prepare(
    "INSERT INTO account_sanctions (id, user_id, kind, reason, source, cause_key, created_by, starts_at, ends_at, previous_status, lifted_at) VALUES (?, ?, ?, ?, 'admin', ?, 'user:admin', ?, ?, 'active', ?)",
  )
    .bind(
      id,
      userId,
      sanction.kind,
      sanction.reason,
      `test:${id}`,
      sanction.startsAt,
      sanction.endsAt,
      sanction.liftedAt ?? null,
    )
    .run();
  return { id, userId, email };
}

describe("GET /api/admin/bans", () => {
  it("lists suspensions and bans across accounts by state, kind and reason, newest first", async () => {
    const now = Date.now();
    const expiring = await accountWith({
      kind: "suspension",
      reason: "spam_scam",
      startsAt: now - 5 * HOUR,
      endsAt: now + 24 * HOUR,
    });
    const longSuspension = await accountWith({
      kind: "suspension",
      reason: "tos_violation",
      startsAt: now - 4 * HOUR,
      endsAt: now + 120 * HOUR,
    });
    const ban = await accountWith({
      kind: "ban",
      reason: "payment_fraud",
      startsAt: now - 3 * HOUR,
      endsAt: null,
    });
    const lifted = await accountWith({
      kind: "suspension",
      reason: "spam_scam",
      startsAt: now - 2 * HOUR,
      endsAt: now + 10 * HOUR,
      liftedAt: now - HOUR,
    });
    const over = await accountWith({
      kind: "suspension",
      reason: "spam_scam",
      startsAt: now - 50 * HOUR,
      endsAt: now - HOUR,
    });
    const mine = new Set([expiring, longSuspension, ban, lifted, over].map((s) => s.id));
    const { headers } = await bearerFor("support");
    const list = async (query: string) => {
      const response = await api(`/api/admin/bans${query}`, { headers });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (response.body.data as { id: string }[])
        .map((item) => item.id)
        .filter((id) => mine.has(id));
    };

    // active by default: in force now, newest first
    expect(await list("")).toEqual([ban.id, longSuspension.id, expiring.id]);
    expect(await list("?state=expiring")).toEqual([expiring.id]);
    expect(await list("?state=all")).toEqual([
      lifted.id,
      ban.id,
      longSuspension.id,
      expiring.id,
      over.id,
    ]);
    expect(await list("?state=all&reason=spam_scam")).toEqual([lifted.id, expiring.id, over.id]);
    expect(await list("?kind=ban")).toEqual([ban.id]);
    expect(await list("?kind=suspension&reason=payment_fraud")).toEqual([]);

    const full = await api("/api/admin/bans?state=all&per_page=2&page=1", { headers });
    expect(full.body.pagination).toMatchObject({ page: 1, per_page: 2 });
    expect(full.body.pagination.total).toBeGreaterThanOrEqual(5);
    const item = (await api("/api/admin/bans?kind=ban", { headers })).body.data.find(
      (row: { id: string }) => row.id === ban.id,
    );
    expect(item).toMatchObject({
      user_id: ban.userId,
      user_email: ban.email,
      kind: "ban",
      reason: "payment_fraud",
      source: "admin",
      ends_at: null,
      lifted_at: null,
      active: true,
    });

    expect((await api("/api/admin/bans?state=soon", { headers })).status).toBe(400);
    expect((await api("/api/admin/bans?per_page=1000", { headers })).status).toBe(400);
    const user = await bearerFor("user");
    expect((await api("/api/admin/bans", { headers: user.headers })).status).toBe(403);
  });
});
