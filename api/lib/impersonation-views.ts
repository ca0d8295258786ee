import type { ImpersonationView, SupportAccess } from "../../core/contract/impersonation";
import type { ImpersonationRow } from "../../db/schema";
import type { Actor } from "../../server/actor";
import { impersonationEndOf } from "../../server/auth/impersonation";
import type { Env } from "../../server/env";
import { recordAudit } from "../../server/ops/audit";

const iso = (ms: number) => new Date(ms).toISOString();

export const presentImpersonation = (
  row: ImpersonationRow,
  userEmail: string,
): ImpersonationView => ({
  id: row.id,
  user_id: row.userId,
  user_email: userEmail,
  staff_id: row.staffId,
  reason: row.reason,
  started_at: iso(row.startedAt),
  expires_at: iso(row.expiresAt),
  ended_at: row.endedAt === null ? null : iso(row.endedAt),
  open_url: "/dashboard",
});

export const presentSupportAccess = (row: ImpersonationRow, now: number): SupportAccess => {
  const end = impersonationEndOf(row);
  return {
    id: row.id,
    started_at: iso(row.startedAt),
    ended_at: iso(end),
    active: end > now,
    read_only: true,
  };
};

/** The audit entry of an impersonation that ended now, by whichever path ended it. */
export const auditImpersonationEnded = (
  env: Env,
  actor: Actor,
  row: ImpersonationRow,
  how: "stopped_from_banner" | "ended_by_staff",
) =>
  recordAudit(env, actor, {
    action: "user.impersonation_ended",
    resourceType: "user",
    resourceId: row.userId,
    details: {
      impersonation_id: row.id,
      how,
      before: { ended_at: null, expires_at: iso(row.expiresAt) },
      after: { ended_at: iso(actor.at) },
    },
  });
