import { and, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import { createDb } from "../../db/client";
import { type AuditLogRow, auditLog } from "../../db/schema";
import type { Actor } from "../actor";
import type { Env } from "../env";

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Records an administrative action with who did it and from where. Called after the
 * action succeeded, in the same request, so the log never claims what did not happen.
 */
export async function recordAudit(env: Env, actor: Actor, entry: AuditEntry): Promise<void> {
  await createDb(env.DB)
    .insert(auditLog)
    .values({
      id: crypto.randomUUID(),
      at: actor.at,
      actorId: actor.id,
      actorRole: actor.role,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      detailsJson: JSON.stringify(entry.details ?? {}),
      ip: actor.ip,
      userAgent: actor.userAgent,
      requestId: actor.requestId,
    });
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
  page: number;
  perPage: number;
}

export async function listAuditLog(
  env: Env,
  filters: AuditFilters,
): Promise<{ rows: AuditLogRow[]; total: number }> {
  const db = createDb(env.DB);
  const conditions: SQL[] = [];
  if (filters.actor) conditions.push(eq(auditLog.actorId, filters.actor));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.resourceType) conditions.push(eq(auditLog.resourceType, filters.resourceType));
  if (filters.resourceId) conditions.push(eq(auditLog.resourceId, filters.resourceId));
  if (filters.from) conditions.push(gte(auditLog.at, filters.from.getTime()));
  if (filters.to) conditions.push(lte(auditLog.at, filters.to.getTime()));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ value: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}
