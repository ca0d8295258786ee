// The review queue and a case's file for the admin app (README "Content moderation"): open
// cases soonest deadline first, and one case with every decision, the reports and exactly the
// content that was checked.
import { and, asc, count, desc, eq, exists, inArray, type SQL } from "drizzle-orm";
import type {
  ModerationCaseStatus,
  ModerationCategory,
  ModerationLayer,
  ModerationSource,
} from "../../core/moderation/model";
import type { ResumeData } from "../../core/resume/schema";
import { createDb } from "../../db/client";
import {
  type ModerationCaseRow,
  type ModerationDecisionRow,
  type ModerationReportRow,
  moderationCases,
  moderationDecisions,
  moderationReports,
} from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { decisionsOf, findCase } from "./cases";
import { readSnapshot } from "./snapshots";

export interface QueueFilters {
  /** `open`: in review or escalated. */
  status: ModerationCaseStatus | "open";
  category?: ModerationCategory;
  layer?: ModerationLayer;
  source?: ModerationSource;
  page: number;
  perPage: number;
}

export async function listCases(
  env: Pick<Env, "DB">,
  filters: QueueFilters,
): Promise<{ items: ModerationCaseRow[]; total: number }> {
  const db = createDb(env.DB);
  const conditions: SQL[] = [
    filters.status === "open"
      ? inArray(moderationCases.status, ["in_review", "escalated"])
      : eq(moderationCases.status, filters.status),
  ];
  if (filters.category) conditions.push(eq(moderationCases.category, filters.category));
  if (filters.source) conditions.push(eq(moderationCases.source, filters.source));
  if (filters.layer) {
    conditions.push(
      exists(
        db
          .select({ id: moderationDecisions.id })
          .from(moderationDecisions)
          .where(
            and(
              eq(moderationDecisions.caseId, moderationCases.id),
              eq(moderationDecisions.layer, filters.layer),
            ),
          ),
      ),
    );
  }
  const where = and(...conditions);
  // Open cases: the one whose deadline comes first; decided ones: the latest first.
  const order =
    filters.status === "open" || filters.status === "in_review" || filters.status === "escalated"
      ? [asc(moderationCases.slaDueAt), asc(moderationCases.createdAt)]
      : [desc(moderationCases.updatedAt)];
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(moderationCases)
      .where(where)
      .orderBy(...order)
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ value: count() }).from(moderationCases).where(where),
  ]);
  return { items, total: total?.value ?? 0 };
}

export interface CaseFile {
  row: ModerationCaseRow;
  decisions: ModerationDecisionRow[];
  reports: ModerationReportRow[];
  content: ResumeData | null;
}

export async function caseFile(env: Pick<Env, "DB" | "FILES">, id: string): Promise<CaseFile> {
  const row = await findCase(env, id);
  if (!row) throw notFound("Moderation case");
  const [decisions, reports, snapshot] = await Promise.all([
    decisionsOf(env, id),
    createDb(env.DB)
      .select()
      .from(moderationReports)
      .where(eq(moderationReports.caseId, id))
      .orderBy(desc(moderationReports.createdAt)),
    row.snapshotKey ? readSnapshot(env, row.snapshotKey).catch(() => null) : null,
  ]);
  return { row, decisions, reports, content: snapshot?.data ?? null };
}
