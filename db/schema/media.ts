import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import {
  PHOTO_CONTENT_TYPES,
  PHOTO_KINDS,
  PHOTO_MODERATION_STATES,
} from "../../core/media/photo-rules";
import { resumes } from "./resumes";
import { users } from "./users";

/**
 * One row per photo object in R2 (`FILES`, under `key`): who owns it and what it is for
 * (README "Photos"). A photo is served only while its row exists. A slot (the avatar, or
 * one resume's photo) has one row, briefly two while a replacement is written: the object
 * is put first, then its row, then the older rows of the slot and their objects go.
 */
export const media = sqliteTable(
  "media",
  {
    key: text("key").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: PHOTO_KINDS }).notNull(),
    /** The resume a `resume_photo` belongs to; null for the avatar. */
    resumeId: text("resume_id").references(() => resumes.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    contentType: text("content_type", { enum: PHOTO_CONTENT_TYPES }).notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Photos stored before moderation existed were published unchecked: they stay live. */
    moderation: text("moderation", { enum: PHOTO_MODERATION_STATES }).notNull().default("live"),
  },
  (t) => [index("media_slot_idx").on(t.userId, t.kind, t.resumeId)],
);

export type MediaRow = typeof media.$inferSelect;
