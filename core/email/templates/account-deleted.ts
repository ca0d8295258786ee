import type { EmailContent } from "../layout";

export interface AccountDeletedData {
  /** Only for a confirmed address (greetingName). */
  name: string | null;
  /** ISO time the deletion ran. */
  deletedAt: string;
}

/**
 * The last email to an address before it is erased (README "Your data", deletion): what went
 * and what the law makes us keep.
 */
export function accountDeleted(data: AccountDeletedData): EmailContent {
  return {
    subject: "Your Resume Builder account was deleted",
    preheader: "Your resumes, shares and files are gone.",
    heading: "Your account was deleted",
    paragraphs: [
      `${data.name ? `Hi ${data.name}, as` : "As"} you asked, your Resume Builder account was deleted: your profile, resumes, share pages, photos, exports and sessions are gone, and your subscription was cancelled.`,
      "Invoices and credit notes are kept for as long as tax law requires, without your contact details in our systems.",
    ],
    facts: [{ label: "Deleted at", value: `${data.deletedAt.slice(0, 16).replace("T", " ")} UTC` }],
    closing: ["This is the last email we send to this address."],
    footer: "You receive this email because this address belonged to a deleted account.",
  };
}
