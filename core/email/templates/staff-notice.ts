import type { BulkEmailTemplate } from "../../contract/admin-bulk";
import type { EmailContent } from "../layout";

/**
 * README "Admin: users", bulk email: a message staff wrote for many accounts. Their words are
 * plain text, never markup: the layout escapes them like any other value, and blank lines
 * make paragraphs.
 */
export interface StaffNoticeData {
  /** Which frame staff picked: its heading line and its footer. */
  kind: BulkEmailTemplate;
  /** `greetingName` of the account: null greets "there". */
  name: string | null;
  subject: string;
  message: string;
}

const FRAMES: Record<BulkEmailTemplate, { label: string; footer: string }> = {
  service_notice: {
    label: "Service notice",
    footer: "You receive this email because you have a Resume Builder account.",
  },
  policy_update: {
    label: "Policy update",
    footer:
      "You receive this email because you have a Resume Builder account and our policies changed.",
  },
  account_notice: {
    label: "About your account",
    footer: "You receive this email because it concerns your Resume Builder account.",
  },
};

/** Blank lines (spaces allowed) separate paragraphs; single line breaks stay inside one. */
export const messageParagraphs = (message: string): string[] =>
  message
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);

export function staffNotice(data: StaffNoticeData): EmailContent {
  const frame = FRAMES[data.kind];
  const paragraphs = messageParagraphs(data.message);
  return {
    subject: data.subject,
    preheader: `${frame.label}: ${paragraphs[0] ?? data.subject}`.slice(0, 140),
    heading: `${frame.label}: ${data.subject}`,
    paragraphs: [`Hi ${data.name || "there"},`, ...paragraphs],
    closing: ["Replies to this email are not read: write to support from the app instead."],
    footer: frame.footer,
  };
}
