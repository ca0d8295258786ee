import { z } from "zod";
import { USER_STATUSES } from "../auth/identity";
import {
  TICKET_AUTHOR_KINDS,
  TICKET_CATEGORIES,
  TICKET_LIMITS,
  TICKET_STATUSES,
} from "../support/tickets";

/**
 * The wire shapes of support tickets (README "Support"): what a user opens and reads of their
 * own tickets, and what support reads and writes from the admin app's queue.
 */

const iso = z.string().datetime();
const id = z.string().trim().min(1).max(100);
const messageBody = z
  .string()
  .trim()
  .min(1, "Write a message")
  .max(TICKET_LIMITS.message, `At most ${TICKET_LIMITS.message} characters`);

export const ticketCreateRequestSchema = z
  .object({
    subject: z
      .string()
      .trim()
      .min(3, "At least 3 characters")
      .max(TICKET_LIMITS.subject, `At most ${TICKET_LIMITS.subject} characters`),
    category: z.enum(TICKET_CATEGORIES),
    message: messageBody,
    /** One of the user's own resumes the question is about. */
    resume_id: id.nullish(),
  })
  .strict()
  .meta({ id: "TicketCreateRequest" });
export type TicketCreateRequest = z.input<typeof ticketCreateRequestSchema>;

export const ticketMessageRequestSchema = z
  .object({ body: messageBody })
  .strict()
  .meta({ id: "TicketMessageRequest" });
export type TicketMessageRequest = z.input<typeof ticketMessageRequestSchema>;

export const ticketStatusRequestSchema = z
  .object({ status: z.enum(TICKET_STATUSES) })
  .strict()
  .meta({ id: "TicketStatusRequest" });
export type TicketStatusRequest = z.input<typeof ticketStatusRequestSchema>;

export const ticketIdParamSchema = z.object({ id });

export const ticketSchema = z
  .object({
    id: z.string(),
    subject: z.string(),
    category: z.enum(TICKET_CATEGORIES),
    status: z.enum(TICKET_STATUSES),
    resume_id: z.string().nullable(),
    created_at: iso,
    /** The last message or status change. */
    updated_at: iso,
    first_response_at: iso.nullable(),
    solved_at: iso.nullable(),
  })
  .meta({ id: "Ticket" });
export type TicketView = z.output<typeof ticketSchema>;

export const ticketMessageSchema = z
  .object({
    id: z.string(),
    author_kind: z.enum(TICKET_AUTHOR_KINDS),
    body: z.string(),
    created_at: iso,
  })
  .meta({ id: "TicketMessage" });
export type TicketMessageView = z.output<typeof ticketMessageSchema>;

const linkedResumeSchema = z.object({ id: z.string(), title: z.string() }).nullable();

/** A ticket with its whole thread, oldest message first, as its owner reads it. */
export const ticketThreadSchema = ticketSchema
  .extend({ messages: z.array(ticketMessageSchema), resume: linkedResumeSchema })
  .meta({ id: "TicketThread" });
export type TicketThread = z.output<typeof ticketThreadSchema>;

export const ticketQueueQuerySchema = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  category: z.enum(TICKET_CATEGORIES).optional(),
  /** Part of the subject, or the user's email. */
  q: z.string().trim().max(200).optional(),
});
export type TicketQueueQuery = z.input<typeof ticketQueueQuerySchema>;

/** A ticket in support's queue, with who opened it and how long it has waited. */
export const ticketQueueItemSchema = ticketSchema
  .extend({
    user_id: z.string(),
    user_email: z.string(),
    user_name: z.string(),
    /**
     * Milliseconds the ticket has waited in its current status (for an open one, how long the
     * user has waited for support; the target is `sla_hours`).
     */
    waiting_ms: z.number().int().nonnegative(),
    /** The first-response target (core/support/sla.ts). */
    sla_hours: z.number().int().positive(),
    message_count: z.number().int().nonnegative(),
  })
  .meta({ id: "TicketQueueItem" });
export type TicketQueueItem = z.output<typeof ticketQueueItemSchema>;

export const staffTicketMessageSchema = ticketMessageSchema
  .extend({ author_id: z.string(), author_email: z.string().nullable() })
  .meta({ id: "StaffTicketMessage" });
export type StaffTicketMessage = z.output<typeof staffTicketMessageSchema>;

/** One ticket for support: the thread with who wrote each message, the user, the resume. */
export const ticketDetailSchema = ticketQueueItemSchema
  .extend({
    messages: z.array(staffTicketMessageSchema),
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.string(),
      status: z.enum(USER_STATUSES),
      plan: z.string(),
      created_at: iso,
    }),
    resume: linkedResumeSchema,
  })
  .meta({ id: "TicketDetail" });
export type TicketDetail = z.output<typeof ticketDetailSchema>;
