import { and, asc, count, desc, eq, isNotNull, isNull, lte, type SQL, sql } from "drizzle-orm";
import { checkLimit, entitlementsOf } from "../../core/plans/entitlements";
import { emptyResume, resolveStyle } from "../../core/resume/layout";
import type { ResumeData } from "../../core/resume/schema";
import { TEMPLATES } from "../../core/templates";
import { createDb } from "../../db/client";
import { type ResumeRow, resumes, resumeVersions } from "../../db/schema";
import type { Env } from "../env";
import { AppError, conflict, notFound } from "../lib/errors";

type ResumeEnv = Pick<Env, "DB" | "CACHE">;
type VersionReason = "create" | "edit" | "import" | "clone" | "restore";

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

const planLimit = (limit: number, what: string) =>
  new AppError(403, "plan_limit", `Your plan allows ${limit} ${what}. Upgrade to add more.`, {
    limit,
    resource: what,
  });

/** Premium templates need a plan that includes them. */
function assertTemplateAllowed(plan: string, template: string) {
  const info = TEMPLATES.find((candidate) => candidate.id === template);
  if (info?.premium && !entitlementsOf(plan).premiumTemplates) {
    throw new AppError(
      403,
      "plan_limit",
      `The ${info.name} template is not part of your plan. Upgrade to use it.`,
      { feature: "premiumTemplates", template, plan },
    );
  }
}

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

async function activeCount(env: ResumeEnv, userId: string) {
  const [row] = await createDb(env.DB)
    .select({ value: count() })
    .from(resumes)
    .where(and(eq(resumes.userId, userId), isNull(resumes.deletedAt)));
  return row?.value ?? 0;
}

/**
 * Creates a resume and its first version in one batch. The plan's limit is checked after
 * the insert, so two requests racing for the last slot cannot both keep theirs.
 */
export async function createResume(
  env: ResumeEnv,
  owner: { id: string; plan: string; name?: string; email?: string },
  input: { title: string; data?: ResumeData; template?: string },
  reason: VersionReason = "create",
): Promise<ResumeView> {
  const before = checkLimit(owner.plan, "resumes", await activeCount(env, owner.id));
  if (!before.allowed) throw planLimit(before.limit, "resumes");
  const data = withTemplate(input.data ?? emptyResume(owner.name, owner.email), input.template);
  const id = crypto.randomUUID();
  const now = Date.now();
  const dataJson = JSON.stringify(data);
  const template = resolveStyle(data).template;
  assertTemplateAllowed(owner.plan, template);
  const db = createDb(env.DB);
  await db.batch([
    db.insert(resumes).values({
      id,
      userId: owner.id,
      title: input.title,
      template,
      dataJson,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }),
    db
      .insert(resumeVersions)
      .values({ resumeId: id, version: 1, title: input.title, dataJson, reason, createdAt: now }),
  ]);
  const after = checkLimit(owner.plan, "resumes", (await activeCount(env, owner.id)) - 1);
  if (!after.allowed) {
    await db.delete(resumes).where(eq(resumes.id, id));
    throw planLimit(after.limit, "resumes");
  }
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

/** The template picked at creation goes into the document's own style. */
function withTemplate(data: ResumeData, template: string | undefined): ResumeData {
  if (!template) return data;
  return { ...data, meta: { ...data.meta, style: { ...data.meta?.style, template } } };
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
 * update and its version row are one batch, and the version check is in the UPDATE itself.
 */
export async function updateResume(
  env: ResumeEnv,
  owner: { id: string; plan: string },
  id: string,
  expectedVersion: number,
  changes: { title?: string; data?: ResumeData },
  reason: VersionReason = "edit",
): Promise<ResumeView> {
  const head = await ownedHead(env, owner.id, id);
  if (head.deletedAt !== null) throw notFound("Resume");
  if (head.version !== expectedVersion) throw staleWrite(head.version);
  const data = changes.data ?? (await loadData(env, id, head.version));
  const title = changes.title ?? head.title;
  const version = head.version + 1;
  const now = Date.now();
  const dataJson = JSON.stringify(data);
  const template = resolveStyle(data).template;
  // Only a switch is refused: after a downgrade, a resume already in a premium template
  // stays editable.
  if (template !== head.template) assertTemplateAllowed(owner.plan, template);
  const db = createDb(env.DB);
  const [updated] = await db.batch([
    db
      .update(resumes)
      .set({ title, template, dataJson, version, updatedAt: now })
      .where(
        and(eq(resumes.id, id), eq(resumes.version, expectedVersion), isNull(resumes.deletedAt)),
      )
      .returning({ id: resumes.id }),
    // Selected from the row as it now is, so a write that lost the race records nothing
    // of its own: the history only ever holds what was really saved.
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
            createdAt: resumes.updatedAt,
          })
          .from(resumes)
          .where(and(eq(resumes.id, id), eq(resumes.version, version))),
      )
      .onConflictDoNothing(),
  ]);
  if (updated.length === 0) throw staleWrite((await ownedHead(env, owner.id, id)).version);
  const keep = entitlementsOf(owner.plan).versionsKept;
  await Promise.all([
    db
      .delete(resumeVersions)
      .where(and(eq(resumeVersions.resumeId, id), lte(resumeVersions.version, version - keep))),
    env.CACHE.delete(cacheKey(id, head.version)),
  ]);
  return { ...toSummary(head), title, template, version, data, updatedAt: now };
}

/** A copy with its own history, counted against the plan like any new resume. */
export async function cloneResume(
  env: ResumeEnv,
  owner: { id: string; plan: string },
  id: string,
  title?: string,
): Promise<ResumeView> {
  const source = await getResume(env, owner.id, id);
  if (source.deletedAt !== null) throw notFound("Resume");
  return createResume(
    env,
    owner,
    { title: title ?? `${source.title} (copy)`.slice(0, 120), data: source.data },
    "clone",
  );
}

/** Moves a resume to the bin; its share link stops working with it. */
export async function deleteResume(env: ResumeEnv, userId: string, id: string): Promise<void> {
  const head = await ownedHead(env, userId, id);
  if (head.deletedAt !== null) return;
  await createDb(env.DB)
    .update(resumes)
    .set({ deletedAt: Date.now() })
    .where(and(eq(resumes.id, id), isNull(resumes.deletedAt)));
}

/** Takes a resume out of the bin, if the plan has room for it again. */
export async function restoreResume(
  env: ResumeEnv,
  owner: { id: string; plan: string },
  id: string,
): Promise<ResumeView> {
  const head = await ownedHead(env, owner.id, id);
  if (head.deletedAt !== null) {
    const room = checkLimit(owner.plan, "resumes", await activeCount(env, owner.id));
    if (!room.allowed) throw planLimit(room.limit, "resumes");
    await createDb(env.DB)
      .update(resumes)
      .set({ deletedAt: null, updatedAt: Date.now() })
      .where(eq(resumes.id, id));
  }
  return getResume(env, owner.id, id);
}
