import type { EmailContent } from "../layout";

/** How much of the reply the email quotes; the whole answer is on the ticket page. */
const EXCERPT_CHARS = 600;

/** README "Support": support answered the user's ticket. */
export interface SupportReplyData {
  name: string;
  /** The ticket's subject, as the user wrote it. */
  ticketSubject: string;
  /** Support's answer (quoted up to EXCERPT_CHARS). */
  reply: string;
  /** Absolute URL of the ticket page in the app. */
  ticketUrl: string;
}

export const replyExcerpt = (reply: string): string =>
  reply.length <= EXCERPT_CHARS ? reply : `${reply.slice(0, EXCERPT_CHARS).trimEnd()}…`;

export function supportReply(data: SupportReplyData): EmailContent {
  return {
    subject: `Re: ${data.ticketSubject}`,
    preheader: "Support answered your ticket.",
    heading: "Support answered your ticket",
    paragraphs: [
      `Hi ${data.name || "there"}, support replied to "${data.ticketSubject}":`,
      replyExcerpt(data.reply),
    ],
    action: { label: "Read and reply", url: data.ticketUrl },
    closing: ["Reply from the ticket page: replies to this email are not read."],
    footer: "You receive this email because you opened a support ticket on Resume Builder.",
  };
}
