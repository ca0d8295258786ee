import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { createDb } from "../../db/client";
import { resumes, resumeVersions } from "../../db/schema";

/**
 * How saves become history rows (README "Version history"). Autosave writes every few
 * seconds; keeping each write would push real milestones out of the plan's allowance, so the
 * saves of one editing session share a row that follows the latest of them.
 */
type Db = ReturnType<typeof createDb>;
export type VersionReason = "create" | "edit" | "import" | "clone" | "restore";

/** A pause this long ends an editing session: the next save starts a new version. */
export const SESSION_IDLE_MS = 10 * 60_000;
/** A session never spans longer than this, so a long sitting still leaves milestones. */
export const SESSION_MAX_MS = 60 * 60_000;

/**
 * The version row of a write, copied from the resume row as the write left it, in the same
 * batch: a write refused by the count or one that lost a race records nothing of its own, so
 * the history only ever holds what was really saved. When the write was folded into its
 * session's row (below), that row already holds this version and the insert does nothing.
 */
export const versionFromRow = (db: Db, id: string, version: number, reason: VersionReason) =>
  db
    .insert(resumeVersions)
    .select(
      db
        .select({
          resumeId: resumes.id,
          version: resumes.version,
          title: resumes.title,
          dataJson: resumes.dataJson,
          reason: sql<VersionReason>`${reason}`.as("reason"),
          name: sql<string | null>`NULL`.as("name"),
          pinned: sql<boolean>`0`.as("pinned"),
          createdAt: resumes.updatedAt,
          updatedAt: resumes.updatedAt,
        })
        .from(resumes)
        .where(and(eq(resumes.id, id), eq(resumes.version, version))),
    )
    .onConflictDoNothing();

/**
 * Folds an edit into the row of the version it was based on, when that row is an unnamed,
 * unpinned edit session still open at `now`. It runs in the write's batch after the resume
 * UPDATE and only if that UPDATE took (the resume is at `version`), so a retried or stale
 * save (refused by If-Match) never touches a row, and a row moves at most once per version.
 */
export const foldIntoSession = (
  db: Db,
  id: string,
  basedOn: number,
  version: number,
  now: number,
) =>
  db
    .update(resumeVersions)
    .set({
      version,
      title: sql`(SELECT r.title FROM resumes r WHERE r.id = ${id} AND r.version = ${version})`,
      dataJson: sql`(SELECT r.data_json FROM resumes r WHERE r.id = ${id} AND r.version = ${version})`,
      updatedAt: now,
    })
    .where(
      and(
        eq(resumeVersions.resumeId, id),
        eq(resumeVersions.version, basedOn),
        eq(resumeVersions.reason, "edit"),
        isNull(resumeVersions.name),
        eq(resumeVersions.pinned, false),
        gt(resumeVersions.updatedAt, now - SESSION_IDLE_MS),
        gt(resumeVersions.createdAt, now - SESSION_MAX_MS),
        sql`EXISTS (SELECT 1 FROM resumes r WHERE r.id = ${id} AND r.version = ${version})`,
      ),
    );

/**
 * Keeps the plan's `versionsKept` newest unpinned rows; pinned (and so named) rows are never
 * pruned. Pins are capped per resume at the same allowance, so the rows of a resume stay bounded.
 */
export const pruneVersions = (db: Db, id: string, keep: number) =>
  db
    .delete(resumeVersions)
    .where(
      and(
        eq(resumeVersions.resumeId, id),
        eq(resumeVersions.pinned, false),
        sql`${resumeVersions.version} NOT IN (SELECT v.version FROM resume_versions v WHERE v.resume_id = ${id} AND v.pinned = 0 ORDER BY v.version DESC LIMIT ${keep})`,
      ),
    );
