// Public share links (README "Templates and sharing"): one row per resume in `resume_shares`, reached at
// `/r/{slug}`. The owner turns the link on and off, may protect it with a password (plans
// with `sharePassword`) and sees view and download counters; the slug never changes, so a
// link someone was given works again when it is switched back on.

import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import type { SharePublicationState } from "../../core/moderation/model";
import { isPlan, type PlanTable } from "../../core/plans/entitlements";
import { randomToken, sha256Hex } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import {
  accountDeletions,
  type ResumeShareRow,
  resumeShares,
  resumes,
  users,
} from "../../db/schema";
import { type AnalyticsEnv, trackEvents } from "../analytics/track";
import { hashPassword } from "../auth/passwords";
import { assertFeature } from "../billing/entitlements";
import type { Env } from "../env";
import { notFound } from "../errors";
import { type PublicationView, publicationView } from "../moderation/publication";

type ShareEnv = Pick<Env, "DB">;

export interface ShareView {
  slug: string;
  enabled: boolean;
  hasPassword: boolean;
  noindex: boolean;
  views: number;
  downloads: number;
  /** What the page shows after moderation (README "Content moderation"). */
  publication: PublicationView;
}

/** 12 random bytes: 96 bits, 16 URL-safe characters. Collisions are not a practical concern. */
const newSlug = () => randomToken(12);

/** What a slug can look like; anything else is not looked up at all. */
export const SLUG_PATTERN = /^[A-Za-z0-9_-]{10,64}$/;

const toView = (row: ResumeShareRow): ShareView => ({
  slug: row.slug,
  enabled: row.enabled,
  hasPassword: row.passwordHash !== null,
  noindex: row.noindex,
  views: row.views,
  downloads: row.downloads,
  publication: publicationView(row),
});

/** The owner's resume, outside the bin; anything else is not found. */
async function assertLiveResume(env: ShareEnv, userId: string, resumeId: string) {
  const [row] = await createDb(env.DB)
    .select({ id: resumes.id })
    .from(resumes)
    .where(and(eq(resumes.id, resumeId), eq(resumes.userId, userId), isNull(resumes.deletedAt)))
    .limit(1);
  if (!row) throw notFound("Resume");
}

export async function getShare(env: ShareEnv, userId: string, resumeId: string) {
  await assertLiveResume(env, userId, resumeId);
  const [row] = await createDb(env.DB)
    .select()
    .from(resumeShares)
    .where(eq(resumeShares.resumeId, resumeId))
    .limit(1);
  if (!row) throw notFound("Share link");
  return toView(row);
}

export interface ShareSettings {
  enabled: boolean;
  /** A new password; null removes it; absent keeps what is there. */
  password?: string | null;
  noindex?: boolean;
}

/**
 * Creates the link on first use and updates it afterwards. One upsert keyed by the resume,
 * so two first requests racing each other end with one row and one slug.
 */
export async function configureShare(
  env: ShareEnv,
  owner: { id: string; plan: string; plans: PlanTable },
  resumeId: string,
  settings: ShareSettings,
  now: number,
): Promise<ShareView> {
  await assertLiveResume(env, owner.id, resumeId);
  if (typeof settings.password === "string") assertFeature(owner, "sharePassword");
  const passwordHash =
    typeof settings.password === "string"
      ? await hashPassword(settings.password)
      : settings.password;
  const changes = {
    enabled: settings.enabled,
    updatedAt: now,
    ...(passwordHash !== undefined ? { passwordHash } : {}),
    ...(settings.noindex !== undefined ? { noindex: settings.noindex } : {}),
  };
  const [row] = await createDb(env.DB)
    .insert(resumeShares)
    .values({
      resumeId,
      slug: newSlug(),
      enabled: settings.enabled,
      passwordHash: passwordHash ?? null,
      noindex: settings.noindex ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: resumeShares.resumeId, set: changes })
    .returning();
  if (!row) throw new Error("share upsert returned no row");
  return toView(row);
}

/** A link as the public page needs it. */
export interface PublicShare {
  resumeId: string;
  ownerId: string;
  ownerPlan: string;
  slug: string;
  passwordHash: string | null;
  noindex: boolean;
  publicationState: SharePublicationState;
  /** The document as it last passed moderation, and its content hash; null until something has. */
  publishedJson: string | null;
  publishedHash: string | null;
}

/**
 * The enabled link with this slug, if its resume is out of the bin and its owner's account
 * may still publish (suspended, banned and deleted accounts' pages go dark with them, and so do
 * those of an account whose deletion is pending).
 */
export async function findPublicShare(env: ShareEnv, slug: string): Promise<PublicShare | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const [row] = await createDb(env.DB)
    .select({
      resumeId: resumeShares.resumeId,
      ownerId: resumes.userId,
      ownerPlan: users.plan,
      slug: resumeShares.slug,
      passwordHash: resumeShares.passwordHash,
      noindex: resumeShares.noindex,
      publicationState: resumeShares.publicationState,
      publishedJson: resumeShares.publishedJson,
      publishedHash: resumeShares.publishedHash,
    })
    .from(resumeShares)
    .innerJoin(resumes, eq(resumes.id, resumeShares.resumeId))
    .innerJoin(users, eq(users.id, resumes.userId))
    .where(
      and(
        eq(resumeShares.slug, slug),
        eq(resumeShares.enabled, true),
        isNull(resumes.deletedAt),
        notInArray(users.status, ["suspended", "banned", "deleted"]),
        // An account whose deletion is pending is dark from the request on (README "Your data").
        sql`not exists (select 1 from ${accountDeletions} where ${accountDeletions.userId} = ${users.id} and ${accountDeletions.state} in ('scheduled', 'deleting'))`,
      ),
    )
    .limit(1);
  return row ?? null;
}

const DAY_SECONDS = 86_400;

/**
 * Counts a view once per visitor per link per UTC day. The visitor is known only by a hash
 * of address, slug and day in KV, which expires after a day; KV is eventually consistent,
 * so two simultaneous first views from one address may both count, which is acceptable.
 */
export async function countView(
  env: ShareEnv & Pick<Env, "CACHE"> & AnalyticsEnv,
  share: Pick<PublicShare, "resumeId" | "slug" | "ownerId" | "ownerPlan">,
  visitor: string,
  now: number,
): Promise<boolean> {
  const day = new Date(now).toISOString().slice(0, 10);
  const key = `share-view:${await sha256Hex(`${visitor}|${share.slug}|${day}`)}`;
  if (await env.CACHE.get(key)) return false;
  await env.CACHE.put(key, "1", { expirationTtl: DAY_SECONDS });
  await createDb(env.DB)
    .update(resumeShares)
    .set({ views: sql`${resumeShares.views} + 1` })
    .where(eq(resumeShares.resumeId, share.resumeId));
  // The id is the visitor's daily key (a hash: no address in it), so a view counts once here too.
  await trackEvents(env, [
    {
      id: key,
      type: "share.viewed",
      occurred_at: now,
      user_id: share.ownerId,
      ...(isPlan(share.ownerPlan) ? { plan: share.ownerPlan } : {}),
    },
  ]);
  return true;
}
