import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { SHARE_PUBLICATION_STATES } from "../../core/moderation/model";
import { users } from "./users";

/**
 * One row per resume. The document itself is JSON (`core/resume/schema.ts`); `version`
 * counts writes and is the ETag clients send back in `If-Match`, so a stale editor tab
 * gets a 409 instead of overwriting newer work.
 */
export const resumes = sqliteTable(
  "resumes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Copied from the document's style for listing and filtering without parsing JSON. */
    template: text("template").notNull(),
    dataJson: text("data_json").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Soft delete: the resume sits in the bin until restored or purged. */
    deletedAt: integer("deleted_at"),
  },
  (t) => [
    index("resumes_user_updated_idx").on(t.userId, t.updatedAt),
    index("resumes_user_deleted_idx").on(t.userId, t.deletedAt),
  ],
);

/**
 * Earlier states of a resume (README "Version history"): autosaves of one editing session
 * share a row, which follows the session's latest save (`version` moves with it); named and
 * pinned rows are milestones that pruning to the plan's allowance never removes.
 */
export const resumeVersions = sqliteTable(
  "resume_versions",
  {
    resumeId: text("resume_id")
      .notNull()
      .references(() => resumes.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    dataJson: text("data_json").notNull(),
    /** What made it: create, edit, import, clone, restore. */
    reason: text("reason").$type<"create" | "edit" | "import" | "clone" | "restore">().notNull(),
    /** The owner's label ("Sent to Acme"); naming a version also pins it. */
    name: text("name"),
    /** Kept whatever the plan's allowance; the pins per resume are capped by the plan. */
    pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
    /** When the session started; `updatedAt` is its latest save, for the idle rule. */
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.resumeId, t.version] })],
);

/** A resume's public link `/r/:slug`. */
export const resumeShares = sqliteTable(
  "resume_shares",
  {
    resumeId: text("resume_id")
      .primaryKey()
      .references(() => resumes.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    /** PBKDF2 hash like account passwords; null when the link is open. */
    passwordHash: text("password_hash"),
    /** Search engines are asked not to index share pages unless the owner opts in. */
    noindex: integer("noindex", { mode: "boolean" }).notNull().default(true),
    views: integer("views").notNull().default(0),
    downloads: integer("downloads").notNull().default(0),
    /**
     * What the public page shows: the document as it last passed moderation (README "Content
     * moderation"), not the live resume, so an edit is public only once it has been checked.
     */
    publishedJson: text("published_json"),
    publishedHash: text("published_hash"),
    publishedAt: integer("published_at"),
    /** The content hash being checked now, if any. */
    pendingHash: text("pending_hash"),
    publicationState: text("publication_state", { enum: SHARE_PUBLICATION_STATES })
      .notNull()
      .default("checking"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("resume_shares_slug_idx").on(t.slug)],
);

/** Per-user monthly counters for metered entitlements (exports, writing help). */
export const usageCounters = sqliteTable(
  "usage_counters",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    metric: text("metric").$type<"exports" | "ai_calls">().notNull(),
    /** Calendar month in UTC, `2026-11`. */
    period: text("period").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.metric, t.period] })],
);

/**
 * Uses given back (an export that failed on our side): one row per job, so the give-back is
 * done once however often the step that does it runs.
 */
export const usageRefunds = sqliteTable("usage_refunds", {
  reference: text("reference").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  metric: text("metric").$type<"exports" | "ai_calls">().notNull(),
  period: text("period").notNull(),
  createdAt: integer("created_at").notNull(),
});

export type ResumeRow = typeof resumes.$inferSelect;
export type ResumeVersionRow = typeof resumeVersions.$inferSelect;
export type ResumeShareRow = typeof resumeShares.$inferSelect;
