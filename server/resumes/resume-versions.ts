import { and, count, desc, eq } from "drizzle-orm";
import type { PlanTable } from "../../core/plans/entitlements";
import type { ResumeData } from "../../core/resume/schema";
import { createDb } from "../../db/client";
import { resumeVersions } from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { getResume, type ResumeView, updateResume } from "./resumes";

type VersionEnv = Pick<Env, "DB" | "CACHE">;

export interface VersionSummary {
  version: number;
  title: string;
  reason: string;
  createdAt: number;
}

/** The saved versions of one's own resume, newest first. */
export async function listVersions(
  env: VersionEnv,
  userId: string,
  resumeId: string,
  page: { page: number; perPage: number },
): Promise<{ items: VersionSummary[]; total: number }> {
  await getResume(env, userId, resumeId);
  const db = createDb(env.DB);
  const where = eq(resumeVersions.resumeId, resumeId);
  const [items, [total]] = await Promise.all([
    db
      .select({
        version: resumeVersions.version,
        title: resumeVersions.title,
        reason: resumeVersions.reason,
        createdAt: resumeVersions.createdAt,
      })
      .from(resumeVersions)
      .where(where)
      .orderBy(desc(resumeVersions.version))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ value: count() }).from(resumeVersions).where(where),
  ]);
  return { items, total: total?.value ?? 0 };
}

export async function getVersion(
  env: VersionEnv,
  userId: string,
  resumeId: string,
  version: number,
): Promise<VersionSummary & { data: ResumeData }> {
  await getResume(env, userId, resumeId);
  const row = await createDb(env.DB).query.resumeVersions.findFirst({
    where: and(eq(resumeVersions.resumeId, resumeId), eq(resumeVersions.version, version)),
  });
  if (!row) throw notFound("Version");
  return {
    version: row.version,
    title: row.title,
    reason: row.reason,
    createdAt: row.createdAt,
    data: JSON.parse(row.dataJson) as ResumeData,
  };
}

/**
 * Brings an old version back as a new one: nothing is overwritten, so restoring the wrong
 * version is itself undone by restoring again.
 */
export async function restoreVersion(
  env: VersionEnv,
  owner: { id: string; plan: string; plans: PlanTable },
  resumeId: string,
  version: number,
  expectedVersion: number | undefined,
  now: number,
): Promise<ResumeView> {
  const old = await getVersion(env, owner.id, resumeId, version);
  const current = await getResume(env, owner.id, resumeId);
  if (current.deletedAt !== null) throw notFound("Resume");
  return updateResume(
    env,
    owner,
    resumeId,
    expectedVersion ?? current.version,
    { title: old.title, data: old.data },
    now,
    "restore",
  );
}
