import type { EmailContent } from "../layout";

/**
 * No name or other text from the signup form: this goes to an address nobody has proven
 * yet, and whatever someone typed as their name would arrive, under our sender, in a
 * stranger's inbox.
 */
export interface VerifyEmailData {
  /** Absolute URL of the verification page with the single-use token. */
  verifyUrl: string;
  /** Days until the link stops working. */
  expiresInDays: number;
  /** The 24-hour reminder says so, and that the account goes after 7 days unverified. */
  reminder: boolean;
}

/** Confirms the address belongs to the person who signed up. */
export function verifyEmail(data: VerifyEmailData): EmailContent {
  return {
    subject: data.reminder ? "Reminder: confirm your email address" : "Confirm your email address",
    preheader: "One click to finish creating your Resume Builder account.",
    heading: data.reminder ? "Your account is waiting for you" : "Welcome to Resume Builder",
    paragraphs: data.reminder
      ? [
          "You started creating a Resume Builder account but have not confirmed your email address yet.",
          "Unconfirmed accounts are removed 7 days after signup, together with anything in them.",
        ]
      : ["Confirm your email address to finish creating your Resume Builder account."],
    action: { label: "Confirm my email", url: data.verifyUrl },
    closing: [
      `The link works once and expires in ${data.expiresInDays} days. After confirming, sign in with your email address and password.`,
      "If you did not sign up, ignore this email: without confirmation the account is removed.",
    ],
    footer:
      "You receive this email because someone signed up for Resume Builder with this address.",
  };
}
