// Support tickets from the account owner's side (README "Support"): open one (with an optional
// link to one of their own resumes), read their own tickets and threads, and write again. A
// message from the user hands the ticket back to support (open); someone else's ticket is a
// 404, never a 403, so ids cannot be probed.
import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import type { TicketCategory } from "../../core/support/tickets";
import { createDb } from "../../db/client";
import {
  resumes,
  type SupportMessageRow,
  type SupportTicketRow,
  supportMessages,
  supportTickets,
} from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";

type SupportEnv = Pick<Env, "DB">;

export interface LinkedResume {
  id: string;
  title: string;
}

export interface TicketThreadRecord {
  ticket: SupportTicketRow;
  messages: SupportMessageRow[];
  resume: LinkedResume | null;
}

export interface OpenTicketInput {
  userId: string;
  subject: string;
  category: TicketCategory;
  message: string;
  resumeId?: string | null | undefined;
}

/** The user's own resume (not deleted) by id, or a 404 that does not say whose it is. */
async function ownResume(env: SupportEnv, userId: string, resumeId: string): Promise<LinkedResume> {
  const [row] = await createDb(env.DB)
    .select({ id: resumes.id, title: resumes.title })
    .from(resumes)
    .where(and(eq(resumes.id, resumeId), eq(resumes.userId, userId), isNull(resumes.deletedAt)))
    .limit(1);
  if (!row) throw notFound("Resume");
  return row;
}

/** A linked resume's title for the thread; null once the resume is gone. */
export async function linkedResume(
  env: SupportEnv,
  ticket: Pick<SupportTicketRow, "resumeId" | "userId">,
): Promise<LinkedResume | null> {
  if (!ticket.resumeId) return null;
  return ownResume(env, ticket.userId, ticket.resumeId).catch(() => null);
}

/** Opens a ticket with its first message, in one batch (both or neither). */
export async function openTicket(
  env: SupportEnv,
  input: OpenTicketInput,
  now: number,
): Promise<TicketThreadRecord> {
  const resume = input.resumeId ? await ownResume(env, input.userId, input.resumeId) : null;
  const ticket: SupportTicketRow = {
    id: crypto.randomUUID(),
    userId: input.userId,
    subject: input.subject,
    category: input.category,
    status: "open",
    resumeId: resume?.id ?? null,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: null,
    solvedAt: null,
  };
  const message: SupportMessageRow = {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    authorId: input.userId,
    authorKind: "user",
    body: input.message,
    createdAt: now,
  };
  const db = createDb(env.DB);
  await db.batch([
    db.insert(supportTickets).values(ticket),
    db.insert(supportMessages).values(message),
  ]);
  return { ticket, messages: [message], resume };
}

/** The user's tickets, newest first. */
export async function listOwnTickets(
  env: SupportEnv,
  userId: string,
  page: { page: number; perPage: number },
): Promise<{ rows: SupportTicketRow[]; total: number }> {
  const db = createDb(env.DB);
  const where = eq(supportTickets.userId, userId);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(supportTickets)
      .where(where)
      .orderBy(desc(supportTickets.createdAt), desc(supportTickets.id))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ total: count() }).from(supportTickets).where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}

/** A ticket by id; with `userId`, only that user's (anyone else's is a 404). */
export async function findTicket(
  env: SupportEnv,
  ticketId: string,
  userId?: string,
): Promise<SupportTicketRow> {
  const [row] = await createDb(env.DB)
    .select()
    .from(supportTickets)
    .where(
      and(
        eq(supportTickets.id, ticketId),
        userId === undefined ? undefined : eq(supportTickets.userId, userId),
      ),
    )
    .limit(1);
  if (!row) throw notFound("Ticket");
  return row;
}

/** The thread, oldest message first. */
export const ticketMessages = (env: SupportEnv, ticketId: string) =>
  createDb(env.DB)
    .select()
    .from(supportMessages)
    .where(eq(supportMessages.ticketId, ticketId))
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id));

export async function ownTicketThread(
  env: SupportEnv,
  userId: string,
  ticketId: string,
): Promise<TicketThreadRecord> {
  const ticket = await findTicket(env, ticketId, userId);
  const [messages, resume] = await Promise.all([
    ticketMessages(env, ticket.id),
    linkedResume(env, ticket),
  ]);
  return { ticket, messages, resume };
}

/**
 * The owner writes again. A pending or solved ticket goes back to support (open, the SLA clock
 * starting now); an open one keeps the time it has already waited.
 */
export async function addUserMessage(
  env: SupportEnv,
  input: { userId: string; ticketId: string; body: string },
  now: number,
): Promise<TicketThreadRecord> {
  const ticket = await findTicket(env, input.ticketId, input.userId);
  const db = createDb(env.DB);
  const message: SupportMessageRow = {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    authorId: input.userId,
    authorKind: "user",
    body: input.body,
    createdAt: now,
  };
  const insert = db.insert(supportMessages).values(message);
  if (ticket.status === "open") await insert;
  else {
    await db.batch([
      insert,
      db
        .update(supportTickets)
        .set({ status: "open", updatedAt: now, solvedAt: null })
        .where(eq(supportTickets.id, ticket.id)),
    ]);
  }
  return ownTicketThread(env, input.userId, ticket.id);
}
