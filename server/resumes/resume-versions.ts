import { and, count, desc, eq, or, sql } from "drizzle-orm";
import type { PlanTable } from "../../core/plans/entitlements";
import type { ResumeData } from "../../core/resume/schema";
import { createDb } from "../../db/client";
import { resumeVersions } from "../../db/schema";
import { versionsKept } from "../billing/entitlements";
import type { Env } from "../env";
import { conflict, notFound } from "../errors";
import { getResume, type ResumeView, updateResume } from "./resumes";

type VersionEnv = Pick<Env, "DB" | "CACHE">;
type Owner = { id: string; plan: string; plans: PlanTable };

export interface VersionSummary {
  version: number;
  title: string;
  reason: string;
  name: string | null;
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
}

const summaryColumns = {
  version: resumeVersions.version,
  title: resumeVersions.title,
  reason: resumeVersions.reason,
  name: resumeVersions.name,
  pinned: resumeVersions.pinned,
  createdAt: resumeVersions.createdAt,
  updatedAt: resumeVersions.updatedAt,
};

const versionRow = (resumeId: string, version: number) =>
  and(eq(resumeVersions.resumeId, resumeId), eq(resumeVersions.version, version));

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
      .select(summaryColumns)
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
  const [row] = await createDb(env.DB)
    .select({ ...summaryColumns, dataJson: resumeVersions.dataJson })
    .from(resumeVersions)
    .where(versionRow(resumeId, version))
    .limit(1);
  if (!row) throw notFound("Version");
  const { dataJson, ...summary } = row;
  return { ...summary, data: JSON.parse(dataJson) as ResumeData };
}

/**
 * Names and/or pins one version (README "Version history"). Naming pins it too unless the
 * same request says `pinned: false`; a name can be cleared with null. Setting what is already
 * set changes nothing, so a retried request is harmless. Pins per resume are capped at the
 * plan's `versionsKept`: the cap is checked inside the UPDATE, so parallel pins cannot pass it.
 */
export async function markVersion(
  env: VersionEnv,
  owner: Owner,
  resumeId: string,
  version: number,
  changes: { name?: string | null; pinned?: boolean },
): Promise<VersionSummary> {
  const current = await getResume(env, owner.id, resumeId);
  if (current.deletedAt !== null) throw notFound("Resume");
  const pinned = changes.pinned ?? (changes.name ? true : undefined);
  const cap = versionsKept(owner);
  const db = createDb(env.DB);
  const pinnedElsewhere = sql`(SELECT count(*) FROM resume_versions p WHERE p.resume_id = ${resumeId} AND p.pinned = 1 AND p.version <> ${version})`;
  const [row] = await db
    .update(resumeVersions)
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(pinned !== undefined ? { pinned } : {}),
    })
    .where(
      and(
        versionRow(resumeId, version),
        pinned ? or(eq(resumeVersions.pinned, true), sql`${pinnedElsewhere} < ${cap}`) : undefined,
      ),
    )
    .returning(summaryColumns);
  if (row) return row;
  const exists = await db
    .select({ version: resumeVersions.version })
    .from(resumeVersions)
    .where(versionRow(resumeId, version))
    .limit(1);
  if (exists.length === 0) throw notFound("Version");
  throw conflict(`You can pin ${cap} versions of a resume. Unpin one first.`, {
    pinned_limit: cap,
  });
}

/**
 * Names the resume as it is now. The current state always has its row (the newest is never
 * pruned); naming it pins it and closes its editing session, so the next save starts a new
 * version. With `expectedVersion` (If-Match), a name meant for an older state is refused.
 */
export async function nameCurrentVersion(
  env: VersionEnv,
  owner: Owner,
  resumeId: string,
  name: string,
  expectedVersion: number | undefined,
): Promise<VersionSummary> {
  const current = await getResume(env, owner.id, resumeId);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw conflict("This resume was changed elsewhere. Reload it to get the latest version.", {
      current_version: current.version,
    });
  }
  return markVersion(env, owner, resumeId, current.version, { name });
}

/**
 * Brings an old version back as a new one: nothing is overwritten, so restoring the wrong
 * version is itself undone by restoring again.
 */
export async function restoreVersion(
  env: VersionEnv,
  owner: Owner,
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
