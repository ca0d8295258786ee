import type { EmailContent } from "../layout";

export interface EmailChangedData {
  /** Only for a confirmed address (greetingName). */
  name: string | null;
  /** The new address, masked (`maskEmail`): the old mailbox may be the one at risk. */
  newEmailMasked: string;
  /** ISO time of the change. */
  changedAt: string;
}

/** `ada.lovelace@example.com` → `a***@example.com`: enough to recognise, not to contact. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * Sent to the old address when staff change an account's email (README "Admin: account
 * actions"): its owner loses sign-in by that address, so a change they did not ask for must
 * not go unnoticed.
 */
export function emailChanged(data: EmailChangedData): EmailContent {
  return {
    subject: "The email address of your Resume Builder account was changed",
    preheader: "Our support team changed it; if you did not ask for this, tell us.",
    heading: "Your account's email address was changed",
    paragraphs: [
      `${data.name ? `Hi ${data.name}, our` : "Our"} support team changed the email address of your Resume Builder account to ${data.newEmailMasked}, and signed the account out everywhere. From now on it signs in, and receives its emails, at the new address once that is confirmed.`,
    ],
    facts: [{ label: "Changed at", value: `${data.changedAt.slice(0, 16).replace("T", " ")} UTC` }],
    closing: [
      "If you asked for this, there is nothing to do. If you did not, contact our support team at once: this address is no longer linked to the account.",
    ],
    footer: "You receive this security notice because this address belonged to the account.",
  };
}
