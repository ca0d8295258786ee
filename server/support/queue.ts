// Support's side of tickets (README "Support"): the queue (open tickets oldest wait first, the
// SLA clock being `updated_at`, the moment the ticket was last handed to support), one ticket
// with the user and the linked resume, a reply (the ticket waits on the user: pending) and a
// status change. The routes audit what these change.
import { and, asc, count, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { TicketCategory, TicketStatus } from "../../core/support/tickets";
import { createDb } from "../../db/client";
import {
  type SupportMessageRow,
  type SupportTicketRow,
  supportMessages,
  supportTickets,
  type UserRow,
  users,
} from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { type LinkedResume, linkedResume } from "./tickets";

type SupportEnv = Pick<Env, "DB">;

export interface QueueFilters {
  status?: TicketStatus | undefined;
  category?: TicketCategory | undefined;
  q?: string | undefined;
  page: number;
  perPage: number;
}

export interface QueueItem {
  ticket: SupportTicketRow;
  userEmail: string;
  userName: string;
  messageCount: number;
}

/** `%text%` for LIKE, with the user's own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Open first, then pending, then solved; within a status the longest wait first (a solved
 * ticket, the most recently solved first).
 */
const queueOrder = [
  asc(sql`case ${supportTickets.status} when 'open' then 0 when 'pending' then 1 else 2 end`),
  asc(
    sql`case ${supportTickets.status} when 'solved' then -${supportTickets.updatedAt} else ${supportTickets.updatedAt} end`,
  ),
  asc(supportTickets.id),
];

export async function listQueue(
  env: SupportEnv,
  filters: QueueFilters,
): Promise<{ items: QueueItem[]; total: number }> {
  const db = createDb(env.DB);
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(supportTickets.status, filters.status));
  if (filters.category) conditions.push(eq(supportTickets.category, filters.category));
  if (filters.q) {
    const pattern = containing(filters.q);
    conditions.push(
      sql`(${supportTickets.subject} like ${pattern} escape '\\' or ${users.email} like ${pattern} escape '\\' or ${supportTickets.id} = ${filters.q})`,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const messageCount = sql<number>`(select count(*) from ${supportMessages} where ${supportMessages.ticketId} = ${supportTickets.id})`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        ticket: supportTickets,
        userEmail: users.email,
        userName: users.name,
        messageCount,
      })
      .from(supportTickets)
      .innerJoin(users, eq(users.id, supportTickets.userId))
      .where(where)
      .orderBy(...queueOrder)
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db
      .select({ total: count() })
      .from(supportTickets)
      .innerJoin(users, eq(users.id, supportTickets.userId))
      .where(where),
  ]);
  return {
    items: rows.map((row) => ({ ...row, messageCount: Number(row.messageCount) })),
    total: total?.total ?? 0,
  };
}

export interface StaffMessage {
  message: SupportMessageRow;
  authorEmail: string | null;
}

export interface TicketFile {
  ticket: SupportTicketRow;
  user: UserRow;
  messages: StaffMessage[];
  resume: LinkedResume | null;
}

export async function ticketFile(env: SupportEnv, ticketId: string): Promise<TicketFile> {
  const db = createDb(env.DB);
  const [row] = await db
    .select({ ticket: supportTickets, user: users })
    .from(supportTickets)
    .innerJoin(users, eq(users.id, supportTickets.userId))
    .where(eq(supportTickets.id, ticketId))
    .limit(1);
  if (!row) throw notFound("Ticket");
  const author = alias(users, "author");
  const [messages, resume] = await Promise.all([
    db
      .select({ message: supportMessages, authorEmail: author.email })
      .from(supportMessages)
      .leftJoin(author, eq(author.id, supportMessages.authorId))
      .where(eq(supportMessages.ticketId, ticketId))
      .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id)),
    linkedResume(env, row.ticket),
  ]);
  return { ...row, messages, resume };
}

/**
 * Support answers: the message is added and the ticket waits on the user (pending); the first
 * answer's time is kept for the SLA report.
 */
export async function addStaffReply(
  env: SupportEnv,
  input: { ticketId: string; staffId: string; body: string },
  now: number,
): Promise<{ before: SupportTicketRow; message: SupportMessageRow }> {
  const db = createDb(env.DB);
  const [before] = await db
    .select()
    .from(supportTickets)
    .where(eq(supportTickets.id, input.ticketId))
    .limit(1);
  if (!before) throw notFound("Ticket");
  const message: SupportMessageRow = {
    id: crypto.randomUUID(),
    ticketId: before.id,
    authorId: input.staffId,
    authorKind: "staff",
    body: input.body,
    createdAt: now,
  };
  await db.batch([
    db.insert(supportMessages).values(message),
    db
      .update(supportTickets)
      .set({
        status: "pending",
        updatedAt: now,
        solvedAt: null,
        firstResponseAt: sql`coalesce(${supportTickets.firstResponseAt}, ${now})`,
      })
      .where(eq(supportTickets.id, before.id)),
  ]);
  return { before, message };
}

/**
 * Sets the status. The same status again changes nothing (`changed: false`), so a retried
 * request neither moves the SLA clock nor writes a second audit row.
 */
export async function setTicketStatus(
  env: SupportEnv,
  input: { ticketId: string; status: TicketStatus },
  now: number,
): Promise<{ before: TicketStatus; changed: boolean }> {
  const db = createDb(env.DB);
  const [before] = await db
    .select({ status: supportTickets.status })
    .from(supportTickets)
    .where(eq(supportTickets.id, input.ticketId))
    .limit(1);
  if (!before) throw notFound("Ticket");
  if (before.status === input.status) return { before: before.status, changed: false };
  const [updated] = await db
    .update(supportTickets)
    .set({
      status: input.status,
      updatedAt: now,
      solvedAt: input.status === "solved" ? now : null,
    })
    .where(and(eq(supportTickets.id, input.ticketId), eq(supportTickets.status, before.status)))
    .returning({ id: supportTickets.id });
  // Lost a race with another change: whoever won decided; report no change of ours.
  return { before: before.status, changed: Boolean(updated) };
}
