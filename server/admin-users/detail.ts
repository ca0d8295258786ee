// One account as support sees it (README "Admin: users"): profile, billing, resumes, exports,
// live sessions, sign-ins, standing, the audit trail about it and staff notes. Each part comes
// from the module that owns it; this only gathers them, bounded, in parallel.
import { desc, eq } from "drizzle-orm";
import type { AdminUserDetail } from "../../core/contract/admin-users";
import { createDb } from "../../db/client";
import { billingCustomers, loginAttempts, resumeShares, resumes, users } from "../../db/schema";
import { listSessions } from "../auth/refresh-tokens";
import { subscriptionView } from "../billing/subscriptions";
import type { Env } from "../env";
import { notFound } from "../errors";
import { listExports } from "../exports/exports";
import { ownStanding } from "../moderation/own-standing";
import { isActiveSanction } from "../moderation/standing";
import { strikeStatus } from "../moderation/strikes";
import { listAuditLog } from "../ops/audit";
import { notesOf } from "./notes";

/** Each list on the page shows the newest this many. */
export const DETAIL_LIMITS = { resumes: 50, exports: 10, signIns: 50, audit: 50 } as const;

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export type UserProfileRow = typeof users.$inferSelect & { customerId: string | null };

export async function userProfileRow(
  env: Pick<Env, "DB">,
  userId: string,
): Promise<UserProfileRow> {
  const [row] = await createDb(env.DB)
    .select({ user: users, customerId: billingCustomers.customerId })
    .from(users)
    .leftJoin(billingCustomers, eq(billingCustomers.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw notFound("User");
  return { ...row.user, customerId: row.customerId };
}

/** The list row's fields, shared by the list and the detail page. */
export function presentUserSummary(row: UserProfileRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    role: row.role,
    plan: row.plan,
    email_verified: row.emailVerifiedAt !== null,
    mfa_enabled: row.mfaEnabled,
    customer_id: row.customerId,
    created_at: iso(row.createdAt),
    last_login_at: isoOrNull(row.lastLoginAt),
  };
}

async function resumesOf(env: Pick<Env, "DB">, userId: string) {
  const rows = await createDb(env.DB)
    .select({ resume: resumes, share: resumeShares })
    .from(resumes)
    .leftJoin(resumeShares, eq(resumeShares.resumeId, resumes.id))
    .where(eq(resumes.userId, userId))
    .orderBy(desc(resumes.updatedAt))
    .limit(DETAIL_LIMITS.resumes);
  return rows.map(({ resume, share }) => ({
    id: resume.id,
    title: resume.title,
    updated_at: iso(resume.updatedAt),
    deleted_at: isoOrNull(resume.deletedAt),
    share: share && {
      enabled: share.enabled,
      publication_state: share.publicationState,
      views: share.views,
    },
  }));
}

async function signInsOf(env: Pick<Env, "DB">, email: string) {
  const rows = await createDb(env.DB)
    .select()
    .from(loginAttempts)
    .where(eq(loginAttempts.email, email))
    .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
    .limit(DETAIL_LIMITS.signIns);
  return rows.map((row) => ({ at: iso(row.at), ip: row.ip, succeeded: row.succeeded }));
}

async function standingOf(env: Pick<Env, "DB">, userId: string, now: number) {
  const standing = await ownStanding(env, userId, now);
  const strikes = standing.strikes.map(({ row, appeal }) => ({
    id: row.id,
    category: row.category,
    status: strikeStatus(row),
    created_at: iso(row.createdAt),
    appeal_status: appeal?.status ?? null,
  }));
  return {
    status: standing.status,
    active_strikes: strikes.filter((strike) => strike.status === "active").length,
    strikes,
    sanctions: standing.sanctions.map(({ row, appeal }) => ({
      id: row.id,
      kind: row.kind,
      reason: row.reason,
      starts_at: iso(row.startsAt),
      ends_at: isoOrNull(row.endsAt),
      active: isActiveSanction(row, now),
      appeal_status: appeal?.status ?? null,
    })),
  };
}

async function auditTrailOf(env: Env, userId: string) {
  const { rows } = await listAuditLog(env, {
    resourceType: "user",
    resourceId: userId,
    page: 1,
    perPage: DETAIL_LIMITS.audit,
  });
  return rows.map((row) => ({
    id: row.id,
    at: iso(row.at),
    actor_id: row.actorId,
    actor_role: row.actorRole,
    action: row.action,
    resource_type: row.resourceType,
    resource_id: row.resourceId,
    details: JSON.parse(row.detailsJson) as Record<string, unknown>,
    ip: row.ip,
    user_agent: row.userAgent,
    request_id: row.requestId,
  }));
}

export async function userDetail(env: Env, userId: string, now: number): Promise<AdminUserDetail> {
  const profile = await userProfileRow(env, userId);
  const account = { id: profile.id, email: profile.email, name: profile.name, plan: profile.plan };
  const [subscription, resumeList, exports, sessions, signIns, standing, audit, notes] =
    await Promise.all([
      subscriptionView(env, account, now),
      resumesOf(env, userId),
      listExports(env, userId, { page: 1, perPage: DETAIL_LIMITS.exports }),
      listSessions(env, userId, now),
      signInsOf(env, profile.email),
      standingOf(env, userId, now),
      auditTrailOf(env, userId),
      notesOf(env, userId),
    ]);
  return {
    profile: {
      ...presentUserSummary(profile),
      email_verified_at: isoOrNull(profile.emailVerifiedAt),
      plan_intent: profile.planIntent,
      updated_at: iso(profile.updatedAt),
    },
    subscription,
    resumes: resumeList,
    exports: exports.items,
    sessions,
    sign_ins: signIns,
    standing,
    audit,
    notes: notes.map(presentNote),
  };
}

export function presentNote(note: Awaited<ReturnType<typeof notesOf>>[number]) {
  return {
    id: note.id,
    body: note.body,
    author_id: note.authorId,
    author_email: note.authorEmail,
    created_at: iso(note.createdAt),
  };
}
