import { inArray } from "drizzle-orm";
import { backupTime } from "../../core/backup/manifest";
import { type SubjectLookups, subjectIds, subjectView } from "../../core/workflows/subjects";
import { createDb } from "../../db/client";
import { invoices, resumes, users } from "../../db/schema";
import type { Env } from "../env";

/**
 * Readable labels and admin-app links for a page of runs' subjects (core/workflows/subjects.ts):
 * one query per table the page mentions, never one per run.
 */
export async function subjectViews(env: Pick<Env, "DB">, subjects: readonly string[]) {
  const db = createDb(env.DB);
  const ids = subjectIds(subjects);
  const [resumeRows, invoiceRows] = await Promise.all([
    ids.resumes.size
      ? db
          .select({ id: resumes.id, title: resumes.title, userId: resumes.userId })
          .from(resumes)
          .where(inArray(resumes.id, [...ids.resumes]))
      : [],
    ids.invoices.size
      ? db
          .select({ id: invoices.id, number: invoices.number, userId: invoices.userId })
          .from(invoices)
          .where(inArray(invoices.id, [...ids.invoices]))
      : [],
  ]);
  // Owners of resumes and invoices are named by email too.
  for (const row of [...resumeRows, ...invoiceRows]) ids.users.add(row.userId);
  const userRows = ids.users.size
    ? await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(users.id, [...ids.users]))
    : [];
  const lookups: SubjectLookups = {
    users: new Map(userRows.map((row) => [row.id, row])),
    resumes: new Map(resumeRows.map((row) => [row.id, row])),
    invoices: new Map(invoiceRows.map((row) => [row.id, row])),
    backupTime,
  };
  return (subject: string) => subjectView(subject, lookups);
}

/** The ids of accounts with this exact email (normalised), for searching runs by email. */
export async function userIdsByEmail(env: Pick<Env, "DB">, email: string): Promise<string[]> {
  const rows = await env.DB.prepare("SELECT id FROM users WHERE email = ? LIMIT 5")
    .bind(email.trim().toLowerCase())
    .all<{ id: string }>();
  return rows.results.map((row) => row.id);
}
