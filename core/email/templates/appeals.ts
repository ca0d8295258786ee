import { APPEAL_WINDOW_DAYS } from "../../moderation/appeals";
import type { EmailContent } from "../layout";

/** README "Appeals": the link a suspended or banned account appeals through, signed out. */
export interface AppealLinkData {
  name: string;
  appealUrl: string;
}

export function appealLink(data: AppealLinkData): EmailContent {
  return {
    subject: "Appeal the decision on your account",
    preheader: "Open the link to tell us why the decision was wrong.",
    heading: "Appeal the decision on your account",
    paragraphs: [
      `Hi ${data.name || "there"}, you asked to appeal the restriction on your account. Open the link below to see the decisions and write your appeal (up to 2,000 characters, one per decision, within ${APPEAL_WINDOW_DAYS} days of it).`,
      "The link works for seven days. If you did not ask for it, you can ignore this email.",
    ],
    action: { label: "Write my appeal", url: data.appealUrl },
    footer: "You receive this email because someone asked for an appeal link for this address.",
  };
}

export interface AppealDecidedData {
  name: string;
  accepted: boolean;
  /** What was appealed, e.g. "the strike for spam", "the suspension". */
  subject: string;
  /** The reviewer's note (or auto-review's finding). */
  note: string;
  /** Where to go next: the sign-in page, or the account's standing. */
  url: string;
}

export function appealDecided(data: AppealDecidedData): EmailContent {
  const heading = data.accepted ? "Your appeal was accepted" : "Your appeal was not accepted";
  return {
    subject: heading,
    preheader: data.note,
    heading,
    paragraphs: data.accepted
      ? [
          `Hi ${data.name || "there"}, we looked again at ${data.subject} and agree it was wrong. It has been removed, along with anything it led to.`,
          `Note from the review: ${data.note}`,
        ]
      : [
          `Hi ${data.name || "there"}, a moderator who did not take the original decision looked again at ${data.subject} and upheld it.`,
          `Note from the review: ${data.note}`,
          "This decision is final.",
        ],
    action: { label: data.accepted ? "Sign in" : "See your account", url: data.url },
    footer:
      "You receive this email because you appealed a decision on your Resume Builder account.",
  };
}
