// IP bans (README "Bans"): network addresses from which registration and sign-in are refused.
// A ban is one address or a CIDR range in canonical form (core/moderation/ip-ranges.ts), so an
// address is checked by one indexed lookup of every range that could hold it.
import { and, count, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { IpBanView } from "../../core/contract/appeals";
import { canonicalRange, rangeHolds, rangesHolding } from "../../core/moderation/ip-ranges";
import type { BanReason } from "../../core/moderation/sanctions";
import { createDb } from "../../db/client";
import { type IpBanRow, ipBans, users } from "../../db/schema";
import type { Actor } from "../actor";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../ops/audit";

const DAY_MS = 86_400_000;

/** In force at `now`: not lifted, and without an end or before it. */
const inForce = (now: number) =>
  and(isNull(ipBans.liftedAt), or(isNull(ipBans.expiresAt), gt(ipBans.expiresAt, now)));

export const isActiveIpBan = (row: IpBanRow, now: number) =>
  row.liftedAt === null && (row.expiresAt === null || row.expiresAt > now);

/** The ban in force that holds `address`, if any (null for no address: off Cloudflare). */
export async function addressBanned(
  env: Pick<Env, "DB">,
  address: string | null,
  now: number,
): Promise<IpBanRow | null> {
  if (!address) return null;
  const ranges = rangesHolding(address);
  if (ranges.length === 0) return null;
  const [row] = await createDb(env.DB)
    .select()
    .from(ipBans)
    .where(and(inArray(ipBans.range, ranges), inForce(now)))
    .limit(1);
  return row ?? null;
}

export const addressBannedError = () =>
  new AppError(
    403,
    "address_banned",
    "Registration and sign-in from this network are blocked. If you think this is a mistake, contact support from another network.",
  );

/** Throws 403 `address_banned` when a ban in force holds the caller's address. */
export async function refuseBannedAddress(
  env: Pick<Env, "DB">,
  address: string | null,
  now: number,
): Promise<void> {
  if (await addressBanned(env, address, now)) throw addressBannedError();
}

export interface IpBanInput {
  range: string;
  reason: BanReason;
  note?: string | null;
  days?: number | null;
  userId?: string | null;
}

/**
 * Bans a range (audited). 400 `invalid_range` / `range_too_wide` for a bad range, 409
 * `own_address` when it holds the admin's own address (they would lock themselves out), 404 for
 * an unknown account.
 */
export async function addIpBan(env: Env, input: IpBanInput, actor: Actor): Promise<IpBanRow> {
  const parsed = canonicalRange(input.range);
  if (!parsed.ok)
    throw new AppError(400, parsed.code, parsed.message, [
      { path: ["range"], message: parsed.message },
    ]);
  if (rangeHolds(parsed.range, actor.ip))
    throw new AppError(409, "own_address", "This range holds your own address");
  const db = createDb(env.DB);
  if (input.userId) {
    const [owner] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, input.userId))
      .limit(1);
    if (!owner) throw notFound("Account");
  }
  const [row] = await db
    .insert(ipBans)
    .values({
      id: crypto.randomUUID(),
      range: parsed.range,
      reason: input.reason,
      note: input.note || null,
      userId: input.userId ?? null,
      createdBy: actor.id,
      createdAt: actor.at,
      expiresAt: input.days ? actor.at + input.days * DAY_MS : null,
    })
    .returning();
  if (!row) throw new Error("ip ban insert returned nothing");
  await recordAudit(env, actor, {
    action: "ip_ban.added",
    resourceType: "ip_ban",
    resourceId: row.id,
    details: {
      range: row.range,
      reason: row.reason,
      expires_at: row.expiresAt,
      user_id: row.userId,
    },
  });
  return row;
}

/** Lifts a ban (audited once: lifting a lifted ban changes and records nothing). */
export async function liftIpBan(env: Env, id: string, actor: Actor): Promise<IpBanRow> {
  const db = createDb(env.DB);
  const [lifted] = await db
    .update(ipBans)
    .set({ liftedAt: actor.at, liftedBy: actor.id })
    .where(and(eq(ipBans.id, id), isNull(ipBans.liftedAt)))
    .returning();
  if (lifted) {
    await recordAudit(env, actor, {
      action: "ip_ban.lifted",
      resourceType: "ip_ban",
      resourceId: id,
      details: { range: lifted.range },
    });
    return lifted;
  }
  const [row] = await db.select().from(ipBans).where(eq(ipBans.id, id)).limit(1);
  if (!row) throw notFound("IP ban");
  return row;
}

/** A page of bans: those in force first, then the rest, newest first within each. */
export async function listIpBans(
  env: Pick<Env, "DB">,
  page: { page: number; perPage: number },
  now: number,
): Promise<{ rows: IpBanRow[]; total: number }> {
  const db = createDb(env.DB);
  const active = sql<number>`case when ${inForce(now)} then 0 else 1 end`;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(ipBans)
      .orderBy(active, desc(ipBans.createdAt), desc(ipBans.id))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ n: count() }).from(ipBans),
  ]);
  return { rows, total: total?.n ?? 0 };
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export const toIpBanView = (row: IpBanRow, now: number): IpBanView => ({
  id: row.id,
  range: row.range,
  reason: row.reason,
  note: row.note,
  user_id: row.userId,
  created_by: row.createdBy,
  created_at: new Date(row.createdAt).toISOString(),
  expires_at: iso(row.expiresAt),
  lifted_at: iso(row.liftedAt),
  active: isActiveIpBan(row, now),
});
