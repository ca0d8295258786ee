import type { EmailContent } from "../layout";

export interface ResetPasswordData {
  /** Only for a confirmed address (greetingName): the name is whatever was typed at sign-up. */
  name: string | null;
  /** Absolute URL of the reset page with the single-use token. */
  resetUrl: string;
  expiresInMinutes: number;
}

/** A single-use link to choose a new password. */
export function resetPassword(data: ResetPasswordData): EmailContent {
  return {
    subject: "Reset your Resume Builder password",
    preheader: `This link works once and for ${data.expiresInMinutes} minutes.`,
    heading: "Choose a new password",
    paragraphs: [
      `${data.name ? `Hi ${data.name}, someone` : "Someone"} asked to reset the password of your Resume Builder account.`,
    ],
    action: { label: "Choose a new password", url: data.resetUrl },
    closing: [
      `The link works once and expires in ${data.expiresInMinutes} minutes. Resetting signs you out everywhere.`,
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ],
    footer: "You receive this email because a password reset was requested for this address.",
  };
}
