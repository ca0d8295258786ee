import type { EmailContent } from "../layout";

export interface PasswordChangedData {
  /** Only for a confirmed address (greetingName): the name is whatever was typed at sign-up. */
  name: string | null;
  /** ISO time of the change. */
  changedAt: string;
  /** Absolute URL of the forgot-password page, for when it was not them. */
  recoverUrl: string;
}

/** Tells the owner their password changed, so a takeover does not go unnoticed. */
export function passwordChanged(data: PasswordChangedData): EmailContent {
  return {
    subject: "Your Resume Builder password was changed",
    preheader: "If this was you, there is nothing to do.",
    heading: "Your password was changed",
    paragraphs: [
      `${data.name ? `Hi ${data.name}, the` : "The"} password of your Resume Builder account was changed and your other sessions were signed out.`,
    ],
    facts: [{ label: "Changed at", value: `${data.changedAt.slice(0, 16).replace("T", " ")} UTC` }],
    action: { label: "This wasn't me", url: data.recoverUrl },
    closing: ["If you did not change it, reset your password now and review your active sessions."],
    footer: "You receive this security notice for every password change on your account.",
  };
}
