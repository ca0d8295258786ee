// Security alerts (README "Security alerts"): raised by the security signals (a reused refresh
// token today; the risk score's critical level and "this wasn't me" call the same function),
// one unresolved alert per account and kind, emailed to the operator alert address once.
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { SecurityAlertView } from "../../core/contract/security-intel";
import {
  type AlertSeverity,
  type AlertState,
  mergeReasons,
  nextAlertState,
} from "../../core/security/alerts";
import { createDb } from "../../db/client";
import { type SecurityAlertRow, securityAlerts, users } from "../../db/schema";
import type { Actor } from "../actor";
import { publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../ops/audit";

export type AlertEnv = Pick<
  Env,
  "DB" | "CACHE" | "EMAIL" | "EMAIL_FROM" | "OPS_ALERT_EMAIL" | "JWT_ISSUER" | "ENVIRONMENT"
>;

export interface SecurityAlertInput {
  userId: string | null;
  /** What happened, e.g. `token_theft`, `risk_critical`, `not_me`. */
  kind: string;
  severity: AlertSeverity;
  reasons: string[];
}

const RANK: Record<AlertSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

const reasonsOf = (row: SecurityAlertRow): string[] => JSON.parse(row.reasonsJson) as string[];

/**
 * Raises an alert, or counts a repeat on the account's unresolved alert of the same kind (its
 * reasons merged, its severity raised if higher). A new alert is emailed to OPS_ALERT_EMAIL,
 * keyed by its id so a retry sends nothing again.
 */
export async function raiseSecurityAlert(
  env: AlertEnv,
  alert: SecurityAlertInput,
  now: number,
): Promise<SecurityAlertRow> {
  const db = createDb(env.DB);
  const dedupeKey = `${alert.userId ?? "-"}:${alert.kind}`;
  const reasons = mergeReasons([], alert.reasons);
  const [row] = await db
    .insert(securityAlerts)
    .values({
      id: crypto.randomUUID(),
      userId: alert.userId,
      kind: alert.kind,
      severity: alert.severity,
      reasonsJson: JSON.stringify(reasons),
      state: "open",
      dedupeKey,
      count: 1,
      createdAt: now,
      lastSeenAt: now,
    })
    .onConflictDoUpdate({
      target: securityAlerts.dedupeKey,
      targetWhere: sql`${securityAlerts.dedupeKey} is not null`,
      set: { count: sql`${securityAlerts.count} + 1`, lastSeenAt: now },
    })
    .returning();
  if (!row) throw new Error("security alert upsert returned nothing");
  if (row.count > 1) return recordRepeat(env, row, alert, now);
  await emailAlert(env, row, now);
  return row;
}

async function recordRepeat(
  env: Pick<Env, "DB">,
  row: SecurityAlertRow,
  alert: SecurityAlertInput,
  now: number,
): Promise<SecurityAlertRow> {
  const merged = mergeReasons(reasonsOf(row), alert.reasons);
  const severity = RANK[alert.severity] > RANK[row.severity] ? alert.severity : row.severity;
  if (severity === row.severity && merged.length === reasonsOf(row).length) return row;
  const [updated] = await createDb(env.DB)
    .update(securityAlerts)
    .set({ severity, reasonsJson: JSON.stringify(merged), lastSeenAt: now })
    .where(eq(securityAlerts.id, row.id))
    .returning();
  return updated ?? row;
}

async function emailAlert(env: AlertEnv, row: SecurityAlertRow, now: number) {
  const account = row.userId ? await accountOf(env, row.userId) : null;
  await sendEmail(env, {
    to: env.OPS_ALERT_EMAIL,
    template: "security_alert_raised",
    dedupeKey: `security-alert:${row.id}`,
    now,
    data: {
      alertId: row.id,
      kind: row.kind,
      severity: row.severity,
      account: account ? `${account.email} (${account.id})` : row.userId,
      reasons: reasonsOf(row),
      adminUrl: publicUrl(env, `/admin/security-alerts/${encodeURIComponent(row.id)}`),
      environment: env.ENVIRONMENT,
      raisedAt: new Date(row.createdAt).toISOString(),
    },
  });
}

async function accountOf(env: Pick<Env, "DB">, userId: string) {
  const [row] = await createDb(env.DB)
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

export interface AlertWithEmail {
  row: SecurityAlertRow;
  email: string | null;
}

const withEmail = {
  row: securityAlerts,
  email: users.email,
};

export interface AlertFilters {
  state?: AlertState;
  severity?: AlertSeverity;
  userId?: string;
  page: number;
  perPage: number;
}

/** Newest first. */
export async function listSecurityAlerts(
  env: Pick<Env, "DB">,
  filters: AlertFilters,
): Promise<{ rows: AlertWithEmail[]; total: number }> {
  const conditions: SQL[] = [];
  if (filters.state) conditions.push(eq(securityAlerts.state, filters.state));
  if (filters.severity) conditions.push(eq(securityAlerts.severity, filters.severity));
  if (filters.userId) conditions.push(eq(securityAlerts.userId, filters.userId));
  const where = conditions.length ? and(...conditions) : undefined;
  const db = createDb(env.DB);
  const [rows, [total]] = await Promise.all([
    db
      .select(withEmail)
      .from(securityAlerts)
      .leftJoin(users, eq(users.id, securityAlerts.userId))
      .where(where)
      .orderBy(desc(securityAlerts.lastSeenAt), desc(securityAlerts.id))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ n: count() }).from(securityAlerts).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function getSecurityAlert(env: Pick<Env, "DB">, id: string): Promise<AlertWithEmail> {
  const [found] = await createDb(env.DB)
    .select(withEmail)
    .from(securityAlerts)
    .leftJoin(users, eq(users.id, securityAlerts.userId))
    .where(eq(securityAlerts.id, id))
    .limit(1);
  if (!found) throw notFound("Security alert");
  return found;
}

/**
 * Acknowledges (open → acknowledged) or resolves (open or acknowledged → resolved) with a note,
 * audited. Acknowledging an acknowledged alert changes nothing; any action on a resolved one is
 * 409 `alert_resolved`. A resolved alert frees its slot: the next repeat raises a new one.
 */
export async function actOnSecurityAlert(
  env: Env,
  id: string,
  action: "acknowledge" | "resolve",
  note: string,
  actor: Actor,
): Promise<AlertWithEmail> {
  const current = await getSecurityAlert(env, id);
  const next = nextAlertState(current.row.state, action);
  if (current.row.state === "resolved")
    throw new AppError(409, "alert_resolved", "This alert is already resolved");
  if (next === null) return current;
  const set =
    action === "acknowledge"
      ? { state: next, acknowledgedBy: actor.id, acknowledgedAt: actor.at, acknowledgeNote: note }
      : {
          state: next,
          resolvedBy: actor.id,
          resolvedAt: actor.at,
          resolveNote: note,
          dedupeKey: null,
        };
  const [updated] = await createDb(env.DB)
    .update(securityAlerts)
    .set(set)
    .where(and(eq(securityAlerts.id, id), eq(securityAlerts.state, current.row.state)))
    .returning();
  if (!updated) throw new AppError(409, "conflict", "The alert changed meanwhile; reload it");
  await recordAudit(env, actor, {
    action: `security_alert.${action === "acknowledge" ? "acknowledged" : "resolved"}`,
    resourceType: "security_alert",
    resourceId: id,
    details: { kind: updated.kind, user_id: updated.userId, note },
  });
  return { row: updated, email: current.email };
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export const toSecurityAlertView = ({ row, email }: AlertWithEmail): SecurityAlertView => ({
  id: row.id,
  user_id: row.userId,
  user_email: email,
  kind: row.kind,
  severity: row.severity,
  reasons: reasonsOf(row),
  state: row.state,
  count: row.count,
  created_at: new Date(row.createdAt).toISOString(),
  last_seen_at: new Date(row.lastSeenAt).toISOString(),
  acknowledged_by: row.acknowledgedBy,
  acknowledged_at: iso(row.acknowledgedAt),
  acknowledge_note: row.acknowledgeNote,
  resolved_by: row.resolvedBy,
  resolved_at: iso(row.resolvedAt),
  resolve_note: row.resolveNote,
});
