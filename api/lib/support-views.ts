// Support tickets on the wire (core/contract/support.ts): the rows of server/support turned
// into what the user app and the admin app read.
import type { TicketMessageView, TicketView } from "../../core/contract/support";
import { SUPPORT_SLA_HOURS } from "../../core/support/sla";
import type { SupportMessageRow, SupportTicketRow } from "../../db/schema";
import type { QueueItem, TicketFile } from "../../server/support/queue";
import type { TicketThreadRecord } from "../../server/support/tickets";
import { isoOrNull } from "./iso-time";

const iso = (ms: number) => new Date(ms).toISOString();

export const presentTicket = (row: SupportTicketRow): TicketView => ({
  id: row.id,
  subject: row.subject,
  category: row.category,
  status: row.status,
  resume_id: row.resumeId,
  created_at: iso(row.createdAt),
  updated_at: iso(row.updatedAt),
  first_response_at: isoOrNull(row.firstResponseAt),
  solved_at: isoOrNull(row.solvedAt),
});

const presentMessage = (row: SupportMessageRow): TicketMessageView => ({
  id: row.id,
  author_kind: row.authorKind,
  body: row.body,
  created_at: iso(row.createdAt),
});

/** The owner's view: no staff ids or emails, only that support wrote. */
export const presentThread = (record: TicketThreadRecord) => ({
  ...presentTicket(record.ticket),
  messages: record.messages.map(presentMessage),
  resume: record.resume,
});

export const presentQueueItem = (item: QueueItem, now: number) => ({
  ...presentTicket(item.ticket),
  user_id: item.ticket.userId,
  user_email: item.userEmail,
  user_name: item.userName,
  waiting_ms: Math.max(0, now - item.ticket.updatedAt),
  sla_hours: SUPPORT_SLA_HOURS,
  message_count: item.messageCount,
});

export const presentTicketFile = (file: TicketFile, now: number) => ({
  ...presentQueueItem(
    {
      ticket: file.ticket,
      userEmail: file.user.email,
      userName: file.user.name,
      messageCount: file.messages.length,
    },
    now,
  ),
  messages: file.messages.map(({ message, authorEmail }) => ({
    ...presentMessage(message),
    author_id: message.authorId,
    author_email: authorEmail,
  })),
  user: {
    id: file.user.id,
    email: file.user.email,
    name: file.user.name,
    role: file.user.role,
    status: file.user.status,
    plan: file.user.plan,
    created_at: iso(file.user.createdAt),
  },
  resume: file.resume,
});
