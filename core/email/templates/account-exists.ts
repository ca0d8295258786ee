import type { EmailContent } from "../layout";

/**
 * Sent instead of an error when someone registers with an address that already has an
 * account: the sign-up form answers the same for every address, and only the owner learns
 * of the attempt. Nothing from the form is repeated (it may not be the owner typing).
 */
export interface AccountExistsData {
  /** Absolute URL of the sign-in page. */
  signInUrl: string;
}

export function accountExists(data: AccountExistsData): EmailContent {
  return {
    subject: "You already have a Resume Builder account",
    preheader: "Someone tried to create an account with your email address.",
    heading: "You already have an account",
    paragraphs: [
      "Someone, probably you, tried to create a Resume Builder account with this email address. It already has one, so no new account was created.",
      "Sign in with your password, or reset it if you have forgotten it.",
    ],
    action: { label: "Sign in", url: data.signInUrl },
    closing: [
      "Forgot your password? Choose “Forgot your password?” on the sign-in page and we will email you a link to set a new one.",
      "If this was not you, there is nothing to do: your account and password stay as they are.",
    ],
    footer:
      "You receive this email because someone tried to sign up for Resume Builder with this address.",
  };
}
