// The moderators' appeals queue (README "Appeals"): pending appeals oldest first (decided ones
// newest first), and one appeal with what it contests, the original case as it was checked
// with its decision history, and the account's strikes.
import { and, asc, count, desc, eq } from "drizzle-orm";
import type { AppealStatus } from "../../core/moderation/appeals";
import { createDb } from "../../db/client";
import { type AppealRow, appeals, type StrikeRow, users } from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { type AppealSubject, appealSubject } from "./appeal-subjects";
import { type CaseFile, caseFile } from "./queue";
import { strikesOf } from "./strikes";

type QueueEnv = Pick<Env, "DB" | "FILES">;

export interface AppealQueueItem {
  appeal: AppealRow;
  userEmail: string;
  userStatus: (typeof users.$inferSelect)["status"];
  summary: string;
}

export async function listAppeals(
  env: QueueEnv,
  filters: { status: AppealStatus; caseId?: string | undefined; page: number; perPage: number },
  now: number,
): Promise<{ items: AppealQueueItem[]; total: number }> {
  const db = createDb(env.DB);
  const where = and(
    eq(appeals.status, filters.status),
    filters.caseId ? eq(appeals.caseId, filters.caseId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ appeal: appeals, userEmail: users.email, userStatus: users.status })
      .from(appeals)
      .innerJoin(users, eq(users.id, appeals.userId))
      .where(where)
      .orderBy(filters.status === "pending" ? asc(appeals.createdAt) : desc(appeals.decidedAt))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ total: count() }).from(appeals).where(where),
  ]);
  const items = await Promise.all(
    rows.map(async (row) => ({
      ...row,
      summary: (await subjectOf(env, row.appeal, now))?.summary ?? "a decision since removed",
    })),
  );
  return { items, total: total?.total ?? 0 };
}

const subjectOf = (env: QueueEnv, appeal: AppealRow, now: number) =>
  appealSubject(env, appeal.userId, appeal.subjectKind, appeal.subjectId, now);

export interface AppealFile extends AppealQueueItem {
  subject: AppealSubject | null;
  caseFile: CaseFile | null;
  strikes: StrikeRow[];
}

export async function appealFile(env: QueueEnv, id: string, now: number): Promise<AppealFile> {
  const db = createDb(env.DB);
  const [row] = await db
    .select({ appeal: appeals, userEmail: users.email, userStatus: users.status })
    .from(appeals)
    .innerJoin(users, eq(users.id, appeals.userId))
    .where(eq(appeals.id, id))
    .limit(1);
  if (!row) throw notFound("Appeal");
  const [subject, file, strikes] = await Promise.all([
    subjectOf(env, row.appeal, now),
    row.appeal.caseId ? caseFile(env, row.appeal.caseId).catch(() => null) : null,
    strikesOf(env, row.appeal.userId),
  ]);
  return {
    ...row,
    summary: subject?.summary ?? "a decision since removed",
    subject,
    caseFile: file,
    strikes,
  };
}
