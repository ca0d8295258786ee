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
import { type PhotoSnapshot, readPhotoCopy, readSnapshot } from "./snapshots";

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

/** What the case file says of a photo; the bytes themselves come from `casePhotoCopy`. */
export type CasePhoto = Pick<PhotoSnapshot, "width" | "height" | "contentType" | "sha256">;

export interface CaseFile {
  row: ModerationCaseRow;
  decisions: ModerationDecisionRow[];
  reports: ModerationReportRow[];
  /** A resume case's content as checked; null for a photo case. */
  content: ResumeData | null;
  /** A photo case's image as checked; null for a resume case. */
  photo: CasePhoto | null;
}

/** The snapshot of a case, or null when none was recorded or it is gone from R2. */
const snapshotOf = (env: Pick<Env, "FILES">, row: ModerationCaseRow) =>
  row.snapshotKey ? readSnapshot(env, row.snapshotKey).catch(() => null) : null;

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
    snapshotOf(env, row),
  ]);
  const file = { row, decisions, reports };
  if (snapshot?.kind === "photo") {
    const { width, height, contentType, sha256 } = snapshot;
    return { ...file, content: null, photo: { width, height, contentType, sha256 } };
  }
  return { ...file, content: snapshot?.data ?? null, photo: null };
}

/**
 * The bytes a photo case checked, for the moderator's preview: the copy kept with the case,
 * since the uploaded photo may have been replaced or removed since. 404 when the case is not
 * a photo case or the copy was erased.
 */
export async function casePhotoCopy(
  env: Pick<Env, "DB" | "FILES">,
  id: string,
): Promise<{ bytes: Uint8Array; contentType: PhotoSnapshot["contentType"] }> {
  const row = await findCase(env, id);
  if (!row) throw notFound("Moderation case");
  const snapshot = await snapshotOf(env, row);
  if (snapshot?.kind !== "photo") throw notFound("Photo of this moderation case");
  const copy = await readPhotoCopy(env, snapshot);
  if (!copy) throw notFound("Photo of this moderation case");
  return copy;
}
