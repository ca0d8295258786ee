// Email on a support reply (README "Support"): the user hears that support answered, with a
// link to the ticket page. One email per message (the dedupe key is the message id), so a
// retried call never mails twice. There is no support mailbox variable in this deployment, so
// support reads new messages from the queue rather than by email.
import type { SupportMessageRow, SupportTicketRow } from "../../db/schema";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";

type NotifyEnv = Pick<Env, "DB" | "CACHE" | "EMAIL" | "EMAIL_FROM" | "JWT_ISSUER">;

/** The ticket's page in the user app. */
export const ticketPagePath = (ticketId: string) => `/support/${encodeURIComponent(ticketId)}`;

export async function notifyUserOfReply(
  env: NotifyEnv,
  input: {
    user: { email: string; name: string; emailVerifiedAt: number | null };
    ticket: Pick<SupportTicketRow, "id" | "subject">;
    message: Pick<SupportMessageRow, "id" | "body">;
  },
  now: number,
): Promise<void> {
  await sendEmail(env, {
    to: input.user.email,
    template: "support_reply",
    data: {
      name: greetingName(input.user) ?? "",
      ticketSubject: input.ticket.subject,
      reply: input.message.body,
      ticketUrl: publicUrl(env, ticketPagePath(input.ticket.id)),
    },
    dedupeKey: `support-reply:${input.message.id}`,
    now,
  });
}
