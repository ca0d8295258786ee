// Staff-only notes on an account (README "Admin: users"): who wrote what and when. Notes are
// never edited or deleted, so the page is a record of what staff knew.
import { desc, eq, inArray } from "drizzle-orm";
import { createDb } from "../../db/client";
import { type StaffNoteRow, staffNotes, users } from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";

export interface NoteListing {
  id: string;
  body: string;
  /** The actor id (`user:{id}` or `operator`), as the audit log writes it. */
  authorId: string;
  authorEmail: string | null;
  createdAt: number;
}

/** How many notes the detail page and the notes list show, newest first. */
export const NOTES_SHOWN = 100;

const STAFF_PREFIX = "user:";

/** Authors' emails, looked up by primary key (the actor id carries a `user:` prefix). */
async function withAuthors(env: Pick<Env, "DB">, rows: StaffNoteRow[]): Promise<NoteListing[]> {
  const ids = [
    ...new Set(
      rows
        .map((row) => row.authorId)
        .filter((id) => id.startsWith(STAFF_PREFIX))
        .map((id) => id.slice(STAFF_PREFIX.length)),
    ),
  ];
  const authors = ids.length
    ? await createDb(env.DB)
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(users.id, ids))
    : [];
  const emailOf = new Map(authors.map((author) => [`${STAFF_PREFIX}${author.id}`, author.email]));
  return rows.map((row) => ({
    id: row.id,
    body: row.body,
    authorId: row.authorId,
    authorEmail: emailOf.get(row.authorId) ?? null,
    createdAt: row.createdAt,
  }));
}

export async function requireUser(env: Pick<Env, "DB">, userId: string): Promise<void> {
  const [row] = await createDb(env.DB)
    .select({ id: users.id })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw notFound("User");
}

export async function notesOf(env: Pick<Env, "DB">, userId: string): Promise<NoteListing[]> {
  const rows = await createDb(env.DB)
    .select()
    .from(staffNotes)
    .where(eq(staffNotes.userId, userId))
    .orderBy(desc(staffNotes.createdAt), desc(staffNotes.id))
    .limit(NOTES_SHOWN);
  return withAuthors(env, rows);
}

/**
 * Adds a note. The id comes from the caller (derived from the idempotency key), so a retried
 * request lands on the same row instead of writing the note twice.
 */
export async function addNote(
  env: Pick<Env, "DB">,
  note: { id: string; userId: string; authorId: string; body: string },
  now: number,
): Promise<{ note: NoteListing; created: boolean }> {
  await requireUser(env, note.userId);
  const db = createDb(env.DB);
  const inserted = await db
    .insert(staffNotes)
    .values({ ...note, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: staffNotes.id });
  const [row] = await db.select().from(staffNotes).where(eq(staffNotes.id, note.id)).limit(1);
  if (!row || row.userId !== note.userId) throw notFound("Note");
  const [listed] = await withAuthors(env, [row]);
  return { created: inserted.length > 0, note: listed as NoteListing };
}
