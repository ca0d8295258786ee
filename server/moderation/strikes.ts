// Strikes in D1 (README "Content moderation: strikes"): recorded for each confirmed violation,
// counted against the thresholds (live configuration's `moderation` section), expired by the
// daily cron after 90 days without a new violation. Every write is keyed — a case's strike by the case (unique index), an admin's by
// the id its caller derives from the request's idempotency key — so retries record one strike.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { ModerationCategory } from "../../core/moderation/model";
import {
  STRIKE_EXPIRY_DAYS,
  type StrikeSource,
  type StrikeThreshold,
  severityOf,
} from "../../core/moderation/strikes";
import { createDb } from "../../db/client";
import { type StrikeRow, strikes, users } from "../../db/schema";
import type { Actor } from "../actor";
import { moderationSettings, moderationThresholds, updateModeration } from "../config/moderation";
import type { Env } from "../env";

type StrikeEnv = Pick<Env, "DB">;

const DAY_MS = 86_400_000;
/** Strikes expired per statement, and statements per cron run (the next run continues). */
const EXPIRY_BATCH = 500;
const EXPIRY_MAX_BATCHES = 40;

export interface StrikeInput {
  /** Required when there is no case (an admin's strike): derived from the request's key. */
  id?: string;
  userId: string;
  caseId: string | null;
  category: ModerationCategory;
  source: StrikeSource;
  reason: string | null;
  /** The moderator or admin who confirmed it; null for the automated layers. */
  actor: string | null;
}

export type StrikeStatus = "active" | "expired" | "revoked";

/** A revoked strike (appeal accepted) never counted; an expired one no longer does. */
export const strikeStatus = (row: StrikeRow): StrikeStatus =>
  row.revokedAt !== null ? "revoked" : row.expiredAt !== null ? "expired" : "active";

/** Records the strike, or returns the one this case (or this admin request) already has. */
export async function recordStrike(
  env: StrikeEnv,
  input: StrikeInput,
  now: number,
): Promise<{ strike: StrikeRow; created: boolean }> {
  if (input.caseId === null && !input.id) {
    throw new Error("a strike without a case needs an id derived from its request");
  }
  const db = createDb(env.DB);
  const [inserted] = await db
    .insert(strikes)
    .values({
      id: input.id ?? crypto.randomUUID(),
      userId: input.userId,
      caseId: input.caseId,
      category: input.category,
      severity: severityOf(input.category),
      source: input.source,
      reason: input.reason,
      actor: input.actor,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { strike: inserted, created: true };
  const [existing] = await db
    .select()
    .from(strikes)
    .where(
      input.caseId !== null ? eq(strikes.caseId, input.caseId) : eq(strikes.id, input.id ?? ""),
    )
    .limit(1);
  if (!existing) throw new Error(`strike for ${input.caseId ?? input.id} conflicted but is gone`);
  return { strike: existing, created: false };
}

/**
 * An admin's manual strike on an account; null when there is no such account. `id` comes from
 * the request's idempotency key, so the same request retried records one strike.
 */
export async function recordManualStrike(
  env: StrikeEnv,
  input: {
    id: string;
    userId: string;
    category: ModerationCategory;
    reason: string;
    actor: string;
  },
  now: number,
): Promise<{ strike: StrikeRow; created: boolean } | null> {
  const [user] = await createDb(env.DB)
    .select({ id: users.id })
    .from(users)
    .where(eq(users.id, input.userId))
    .limit(1);
  if (!user) return null;
  return recordStrike(env, { ...input, caseId: null, source: "admin" }, now);
}

/** Strikes neither revoked nor expired: what the thresholds are compared with. */
export async function activeStrikeCount(env: StrikeEnv, userId: string): Promise<number> {
  const [row] = await createDb(env.DB)
    .select({ n: count() })
    .from(strikes)
    .where(and(eq(strikes.userId, userId), isNull(strikes.revokedAt), isNull(strikes.expiredAt)));
  return row?.n ?? 0;
}

/** Every strike of an account, newest first (at most a few hundred in any real account). */
export async function strikesOf(env: StrikeEnv, userId: string): Promise<StrikeRow[]> {
  return createDb(env.DB)
    .select()
    .from(strikes)
    .where(eq(strikes.userId, userId))
    .orderBy(desc(strikes.createdAt), desc(strikes.id))
    .limit(500);
}

/**
 * Marks expired every active strike of every account whose latest violation (its newest strike
 * not revoked on appeal) is 90 days old or more at `now`. One recent violation keeps all the
 * account's strikes active. Only unmarked strikes are written, so a second run changes nothing;
 * each statement handles a bounded batch. Returns how many strikes expired.
 */
export async function expireStrikes(env: StrikeEnv, now: number): Promise<number> {
  const cutoff = now - STRIKE_EXPIRY_DAYS * DAY_MS;
  const statement = env.DB.prepare(
    `UPDATE strikes SET expired_at = ?1
     WHERE id IN (
       SELECT s.id FROM strikes s
       WHERE s.revoked_at IS NULL AND s.expired_at IS NULL
         AND NOT EXISTS (
           SELECT 1 FROM strikes later
           WHERE later.user_id = s.user_id AND later.revoked_at IS NULL AND later.created_at > ?2
         )
       LIMIT ?3
     )`,
  );
  let expired = 0;
  for (let batch = 0; batch < EXPIRY_MAX_BATCHES; batch++) {
    const result = await statement.bind(now, cutoff, EXPIRY_BATCH).run();
    const changed = result.meta.changes ?? 0;
    expired += changed;
    if (changed < EXPIRY_BATCH) break;
  }
  return expired;
}

export interface StrikeThresholdSettings {
  thresholds: StrikeThreshold[];
  /** The `moderation` config version they are from; 0 while the code's defaults apply. */
  version: number;
  /** Null while the code's defaults apply. */
  updatedAt: number | null;
  updatedBy: string | null;
}

/**
 * The thresholds as last saved, with who saved them: the `moderation` section of live
 * configuration (README "Live configuration"), read from D1 as the admin pages read it.
 */
export async function strikeThresholdSettings(
  env: Pick<Env, "DB">,
): Promise<StrikeThresholdSettings> {
  const settings = await moderationSettings(env);
  return {
    thresholds: settings.value.strikes.thresholds,
    version: settings.version,
    updatedAt: settings.updatedAt,
    updatedBy: settings.updatedBy,
  };
}

/** The thresholds in force, fewest strikes first (through the config cache). */
export async function strikeThresholds(env: Pick<Env, "DB" | "CACHE">): Promise<StrikeThreshold[]> {
  return (await moderationThresholds(env)).strikes.thresholds;
}

/**
 * Replaces the strike thresholds (validated again with the section's schema) as a new version
 * of the `moderation` section, keeping its report thresholds; audited as a config change.
 */
export async function saveStrikeThresholds(
  env: Env,
  actor: Actor,
  list: readonly StrikeThreshold[],
  reason: string,
) {
  return updateModeration(
    env,
    actor,
    (current) => ({ ...current, strikes: { thresholds: [...list] } }),
    reason,
  );
}
