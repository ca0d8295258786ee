import { and, asc, count, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { PlanTable } from "../../core/plans/entitlements";
import { emptyResume, resolveStyle } from "../../core/resume/layout";
import type { ResumeData } from "../../core/resume/schema";
import { styleAtCreation } from "../../core/templates";
import { createDb } from "../../db/client";
import { type ResumeRow, resumes, users } from "../../db/schema";
import { type AnalyticsEnv, trackEvents } from "../analytics/track";
import {
  assertStyleChangeAllowed,
  assertTemplateInPlan,
  countLimitReached,
  limitOf,
  resumeReadOnly,
  roomForResume,
  templateInPlan,
  versionsKept,
  withinResumeAllowance,
} from "../billing/entitlements";
import type { Env } from "../env";
import { conflict, notFound } from "../errors";
import { foldIntoSession, pruneVersions, type VersionReason, versionFromRow } from "./version-rows";

type ResumeEnv = Pick<Env, "DB" | "CACHE">;

export interface ResumeView {
  id: string;
  title: string;
  template: string;
  version: number;
  data: ResumeData;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export type ResumeSummary = Omit<ResumeView, "data">;

/** A resume's content never changes for a given version, so cached copies need no expiry logic. */
const cacheKey = (id: string, version: number) => `resume:${id}:v${version}`;
const CACHE_TTL_SECONDS = 7 * 86_400;

const summaryColumns = {
  id: resumes.id,
  userId: resumes.userId,
  title: resumes.title,
  template: resumes.template,
  version: resumes.version,
  createdAt: resumes.createdAt,
  updatedAt: resumes.updatedAt,
  deletedAt: resumes.deletedAt,
};

const toSummary = (row: Omit<ResumeRow, "dataJson">): ResumeSummary => ({
  id: row.id,
  title: row.title,
  template: row.template,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  deletedAt: row.deletedAt,
});

/** The owner's resume, bin included; anyone else's is simply not found. */
async function ownedHead(env: ResumeEnv, userId: string, id: string) {
  const [row] = await createDb(env.DB)
    .select(summaryColumns)
    .from(resumes)
    .where(and(eq(resumes.id, id), eq(resumes.userId, userId)))
    .limit(1);
  if (!row) throw notFound("Resume");
  return row;
}

async function loadData(env: ResumeEnv, id: string, version: number): Promise<ResumeData> {
  const cached = await env.CACHE.get<ResumeData>(cacheKey(id, version), "json");
  if (cached) return cached;
  const [row] = await createDb(env.DB)
    .select({ dataJson: resumes.dataJson, version: resumes.version })
    .from(resumes)
    .where(eq(resumes.id, id))
    .limit(1);
  if (!row) throw notFound("Resume");
  // Only cache what is still the current version: a write may have landed in between.
  if (row.version === version) {
    await env.CACHE.put(cacheKey(id, version), row.dataJson, { expirationTtl: CACHE_TTL_SECONDS });
  }
  return JSON.parse(row.dataJson) as ResumeData;
}

export async function getResume(env: ResumeEnv, userId: string, id: string): Promise<ResumeView> {
  const head = await ownedHead(env, userId, id);
  return { ...toSummary(head), data: await loadData(env, id, head.version) };
}

/**
 * Creates a resume and its first version in one batch. The resume is inserted by one
 * INSERT … SELECT that also counts the owner's active resumes, so requests racing for the
 * last slot cannot both get one; the version row is copied from the inserted row, so a
 * refused insert leaves nothing behind.
 */
export async function createResume(
  env: ResumeEnv & AnalyticsEnv,
  owner: { id: string; plan: string; plans: PlanTable; name?: string; email?: string },
  input: { title: string; data?: ResumeData; template?: string },
  now: number,
  reason: VersionReason = "create",
): Promise<ResumeView> {
  const data = withTemplate(input.data ?? emptyResume(owner.name, owner.email), input.template);
  const id = crypto.randomUUID();
  const dataJson = JSON.stringify(data);
  const template = resolveStyle(data).template;
  assertTemplateInPlan(owner, template);
  const db = createDb(env.DB);
  const [inserted] = await db.batch([
    db
      .insert(resumes)
      .select(
        db
          .select({
            id: sql<string>`${id}`.as("id"),
            userId: users.id,
            title: sql<string>`${input.title}`.as("title"),
            template: sql<string>`${template}`.as("template"),
            dataJson: sql<string>`${dataJson}`.as("data_json"),
            version: sql<number>`1`.as("version"),
            createdAt: sql<number>`${now}`.as("created_at"),
            updatedAt: sql<number>`${now}`.as("updated_at"),
            deletedAt: sql<number | null>`NULL`.as("deleted_at"),
          })
          .from(users)
          .where(and(eq(users.id, owner.id), roomForResume(owner))),
      )
      .returning({ id: resumes.id }),
    versionFromRow(db, id, 1, reason),
  ]);
  if (inserted.length === 0) {
    // refused by the count; on an unlimited plan only a vanished account inserts nothing
    throw limitOf(owner, "resumes") === null
      ? notFound("Account")
      : countLimitReached(owner, "resumes");
  }
  await trackEvents(env, [
    { id: `resume.created:${id}`, type: "resume.created", occurred_at: now, user_id: owner.id },
  ]);
  return {
    id,
    title: input.title,
    template,
    version: 1,
    data,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
}

/** The template picked at creation, with its font and colour, goes into the document's style. */
function withTemplate(data: ResumeData, picked: string | undefined): ResumeData {
  return { ...data, meta: { ...data.meta, style: styleAtCreation(data.meta?.style, picked) } };
}

export interface ListOptions {
  query?: string;
  sort: "updated_at" | "created_at" | "title";
  order: "asc" | "desc";
  deleted: boolean;
  page: number;
  perPage: number;
}

export async function listResumes(env: ResumeEnv, userId: string, options: ListOptions) {
  const conditions: SQL[] = [
    eq(resumes.userId, userId),
    options.deleted ? isNotNull(resumes.deletedAt) : isNull(resumes.deletedAt),
  ];
  if (options.query) {
    const literal = options.query.replace(/[\\%_]/g, "\\$&");
    conditions.push(sql`${resumes.title} LIKE ${`%${literal}%`} ESCAPE '\\'`);
  }
  const where = and(...conditions);
  const column = {
    updated_at: resumes.updatedAt,
    created_at: resumes.createdAt,
    title: sql`${resumes.title} COLLATE NOCASE`,
  }[options.sort];
  const db = createDb(env.DB);
  const [rows, [total]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(resumes)
      .where(where)
      .orderBy(options.order === "asc" ? asc(column) : desc(column), asc(resumes.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ value: count() }).from(resumes).where(where),
  ]);
  return { items: rows.map(toSummary), total: total?.value ?? 0 };
}

const staleWrite = (current: number) =>
  conflict("This resume was changed elsewhere. Reload it to get the latest version.", {
    current_version: current,
  });

/**
 * Writes a new version if the caller saw the current one (optimistic concurrency): the
 * update and its version row are one batch, and the version check is in the UPDATE itself,
 * as is the plan's rule that only its N most recently updated resumes are editable.
 */
export async function updateResume(
  env: ResumeEnv,
  owner: { id: string; plan: string; plans: PlanTable },
  id: string,
  expectedVersion: number,
  changes: { title?: string; data?: ResumeData },
  now: number,
  reason: VersionReason = "edit",
): Promise<ResumeView> {
  const head = await ownedHead(env, owner.id, id);
  if (head.deletedAt !== null) throw notFound("Resume");
  if (head.version !== expectedVersion) throw staleWrite(head.version);
  const data = changes.data ?? (await loadData(env, id, head.version));
  const title = changes.title ?? head.title;
  const version = head.version + 1;
  const dataJson = JSON.stringify(data);
  const style = resolveStyle(data);
  const template = style.template;
  if (!templateInPlan(owner, template)) {
    const before = changes.data ? resolveStyle(await loadData(env, id, head.version)) : style;
    assertStyleChangeAllowed(owner, before, style);
  }
  const db = createDb(env.DB);
  const [updated] = await db.batch([
    db
      .update(resumes)
      .set({ title, template, dataJson, version, updatedAt: now })
      .where(
        and(
          eq(resumes.id, id),
          eq(resumes.version, expectedVersion),
          isNull(resumes.deletedAt),
          withinResumeAllowance(owner),
        ),
      )
      .returning({ id: resumes.id }),
    ...(reason === "edit" ? [foldIntoSession(db, id, expectedVersion, version, now)] : []),
    versionFromRow(db, id, version, reason),
  ]);
  if (updated.length === 0) {
    const current = await ownedHead(env, owner.id, id);
    if (current.deletedAt !== null) throw notFound("Resume");
    if (current.version !== expectedVersion) throw staleWrite(current.version);
    throw resumeReadOnly(owner);
  }
  await Promise.all([
    pruneVersions(db, id, versionsKept(owner)),
    env.CACHE.delete(cacheKey(id, head.version)),
  ]);
  return { ...toSummary(head), title, template, version, data, updatedAt: now };
}

/** A copy with its own history, counted against the plan like any new resume. */
export async function cloneResume(
  env: ResumeEnv & AnalyticsEnv,
  owner: { id: string; plan: string; plans: PlanTable },
  id: string,
  title: string | undefined,
  now: number,
): Promise<ResumeView> {
  const source = await getResume(env, owner.id, id);
  if (source.deletedAt !== null) throw notFound("Resume");
  return createResume(
    env,
    owner,
    { title: title ?? `${source.title} (copy)`.slice(0, 120), data: source.data },
    now,
    "clone",
  );
}

/** Moves a resume to the bin; its share link stops working with it. */
export async function deleteResume(
  env: ResumeEnv,
  userId: string,
  id: string,
  now: number,
): Promise<void> {
  const head = await ownedHead(env, userId, id);
  if (head.deletedAt !== null) return;
  await createDb(env.DB)
    .update(resumes)
    .set({ deletedAt: now })
    .where(and(eq(resumes.id, id), isNull(resumes.deletedAt)));
}

/**
 * Takes a resume out of the bin, if the plan has room for it again: one UPDATE that counts
 * the active resumes in its WHERE, so parallel restores cannot pass the limit together.
 */
export async function restoreResume(
  env: ResumeEnv,
  owner: { id: string; plan: string; plans: PlanTable },
  id: string,
  now: number,
): Promise<ResumeView> {
  const head = await ownedHead(env, owner.id, id);
  if (head.deletedAt !== null) {
    const restored = await createDb(env.DB)
      .update(resumes)
      .set({ deletedAt: null, updatedAt: now })
      .where(and(eq(resumes.id, id), isNotNull(resumes.deletedAt), roomForResume(owner)))
      .returning({ id: resumes.id });
    // Refused, unless a parallel request restored this very resume.
    if (restored.length === 0 && (await ownedHead(env, owner.id, id)).deletedAt !== null) {
      throw countLimitReached(owner, "resumes");
    }
  }
  return getResume(env, owner.id, id);
}
