// Visitors' reports of public resumes (README "Content moderation: reports"). Anyone may report,
// signed in or not; each reporter has one open report per resume, and counts by how reliable
// their earlier reports proved (like Discourse's flag score). Enough weight opens a case in
// the review queue; much more takes the page offline until a moderator decides.
import { and, asc, count, eq, isNull, sql, sum } from "drizzle-orm";
import type { ModerationCategory } from "../../core/moderation/model";
import { resumeDataSchema } from "../../core/resume/schema";
import { createDb } from "../../db/client";
import { moderationReports, users } from "../../db/schema";
import { moderationThresholds } from "../config/moderation";
import type { Env } from "../env";
import { enforceLimit } from "../ops/rate-limits";
import type { PublicShare } from "../resumes/shares";
import { changeCase } from "./cases";
import { startModerationCheck } from "./checks";
import { takeOffline } from "./share-state";
import { resumeSnapshot } from "./snapshots";

export interface ReportInput {
  share: PublicShare;
  category: ModerationCategory;
  message: string;
  /** SHA-256 of the reporter's account id, or of their address when signed out. */
  reporterKey: string;
  reporterUserId: string | null;
  /** The address, for the per-address limit. */
  address: string;
}

/**
 * How much a reporter's word counts: 5 to 15 by the share of their decided reports a moderator
 * upheld (Laplace-smoothed, so one report either way moves it a little), plus 5 for a
 * signed-in account, which costs more to make than an address.
 */
export async function reporterWeight(
  env: Pick<Env, "DB">,
  reporterKey: string,
  signedIn: boolean,
): Promise<number> {
  const rows = await createDb(env.DB)
    .select({ status: moderationReports.status, n: count() })
    .from(moderationReports)
    .where(eq(moderationReports.reporterKey, reporterKey))
    .groupBy(moderationReports.status);
  const upheld = rows.find((row) => row.status === "upheld")?.n ?? 0;
  const dismissed = rows.find((row) => row.status === "dismissed")?.n ?? 0;
  const accuracy = (upheld + 1) / (upheld + dismissed + 2);
  return Math.round(5 + 10 * accuracy) + (signedIn ? 5 : 0);
}

export type ReportOutcome = "filed" | "already_reported";

export async function fileReport(
  env: Env,
  input: ReportInput,
  now: number,
): Promise<ReportOutcome> {
  const { share } = input;
  await enforceLimit(env, "reportPerAddress", input.address, now);
  await enforceLimit(env, "reportPerShare", share.slug, now);
  const db = createDb(env.DB);
  const weight = await reporterWeight(env, input.reporterKey, input.reporterUserId !== null);
  const inserted = await db
    .insert(moderationReports)
    .values({
      id: crypto.randomUUID(),
      resumeId: share.resumeId,
      category: input.category,
      message: input.message || null,
      reporterKey: input.reporterKey,
      reporterUserId: input.reporterUserId,
      weight,
      status: "open",
      createdAt: now,
    })
    // One open report per reporter and resume: a second is the same complaint again.
    .onConflictDoNothing()
    .returning({ id: moderationReports.id });
  if (inserted.length === 0) return "already_reported";
  await weighReports(env, share, now);
  return "filed";
}

/** Adds up the open reports of a page and acts on the thresholds. */
async function weighReports(env: Env, share: PublicShare, now: number): Promise<void> {
  const db = createDb(env.DB);
  const [total] = await db
    .select({ weight: sum(moderationReports.weight) })
    .from(moderationReports)
    .where(
      and(eq(moderationReports.resumeId, share.resumeId), eq(moderationReports.status, "open")),
    );
  const weight = Number(total?.weight ?? 0);
  // the thresholds in force (README "Live configuration", moderation), from the config cache
  const thresholds = (await moderationThresholds(env)).reports;
  if (weight < thresholds.openCase || !share.publishedJson || !share.publishedHash) return;

  const [owner] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, share.ownerId))
    .limit(1);
  if (!owner) return;
  const row = { hash: share.publishedHash, email: owner.email };
  const data = resumeDataSchema.parse(JSON.parse(share.publishedJson));
  const { snapshot } = await resumeSnapshot(data, { email: row.email });
  // One case per round of reports about the content on the page now, named by the round's
  // first open report: reports arriving while it is open join it; once it is decided (and its
  // reports resolved), new reports start a new round, even about content a moderator approved.
  const [first] = await db
    .select({ id: moderationReports.id })
    .from(moderationReports)
    .where(
      and(eq(moderationReports.resumeId, share.resumeId), eq(moderationReports.status, "open")),
    )
    .orderBy(asc(moderationReports.createdAt), asc(moderationReports.id))
    .limit(1);
  if (!first) return;
  const opened = await startModerationCheck(
    env,
    {
      kind: "share",
      subjectId: share.resumeId,
      userId: share.ownerId,
      resumeId: share.resumeId,
      source: "report",
      snapshot,
      hash: row.hash,
      requestedBy: "reports",
      round: first.id,
    },
    now,
  );
  await db
    .update(moderationReports)
    .set({ caseId: opened.id })
    .where(
      and(
        eq(moderationReports.resumeId, share.resumeId),
        eq(moderationReports.status, "open"),
        isNull(moderationReports.caseId),
      ),
    );
  if (opened.status === "closed") {
    // A retried request after the round was decided: its reports share that decision.
    await resolveReports(env, opened.id, opened.outcome !== "allow", now);
    return;
  }
  await changeCase(env, opened.id, { reportWeight: weight }, now);
  if (weight >= thresholds.withhold) {
    await takeOffline(env, share.resumeId, row.hash, "withheld", now);
  }
}

/**
 * Closes a case's open reports: upheld when the content was found violating, dismissed when
 * it was allowed (which lowers their reporters' weight next time).
 */
export async function resolveReports(
  env: Pick<Env, "DB">,
  caseId: string,
  upheld: boolean,
  now: number,
): Promise<void> {
  await createDb(env.DB)
    .update(moderationReports)
    .set({ status: upheld ? "upheld" : "dismissed", resolvedAt: now })
    .where(and(eq(moderationReports.caseId, caseId), eq(moderationReports.status, "open")));
}

/** The category most of a case's reports name (the case's category when no layer found one). */
export async function reportedCategory(
  env: Pick<Env, "DB">,
  caseId: string,
): Promise<ModerationCategory | null> {
  const [top] = await createDb(env.DB)
    .select({ category: moderationReports.category, weight: sum(moderationReports.weight) })
    .from(moderationReports)
    .where(eq(moderationReports.caseId, caseId))
    .groupBy(moderationReports.category)
    .orderBy(sql`2 desc`)
    .limit(1);
  return top?.category ?? null;
}
