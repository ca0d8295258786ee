import type { SanctionKind } from "../../moderation/sanctions";
import type { EmailContent } from "../layout";

/** README "Strikes and bans": what the owner is told when their account is restricted. */
export interface AccountSanctionedData {
  name: string;
  kind: SanctionKind;
  /** Why and until when (core/moderation/sanctions.ts `sanctionMessage`). */
  message: string;
  /** The emailed appeal link (README "Appeals"), usable signed out for seven days. */
  appealUrl: string;
}

export function accountSanctioned(data: AccountSanctionedData): EmailContent {
  const heading = data.kind === "ban" ? "Your account is banned" : "Your account is suspended";
  return {
    subject: heading,
    preheader: data.message,
    heading,
    paragraphs: [
      `Hi ${data.name || "there"}, ${data.message}`,
      "While it lasts you cannot sign in, your public resume pages are offline and nothing is exported. Your resumes are kept.",
      "If you think this is a mistake, you can appeal within 30 days: the link works for seven days, and the sign-in page sends a new one.",
    ],
    action: { label: "Appeal this decision", url: data.appealUrl },
    footer: "You receive this email because action was taken on your Resume Builder account.",
  };
}

export interface AccountRestoredData {
  name: string;
  signInUrl: string;
}

export function accountRestored(data: AccountRestoredData): EmailContent {
  return {
    subject: "Your account is available again",
    preheader: "The restriction on your account has ended.",
    heading: "Your account is available again",
    paragraphs: [
      `Hi ${data.name || "there"}, the restriction on your account has ended. Sign in again to continue; your public pages are back online.`,
    ],
    action: { label: "Sign in", url: data.signInUrl },
    footer: "You receive this email because action was taken on your Resume Builder account.",
  };
}

export interface StrikeRecordedData {
  name: string;
  /** Active strikes now, this one included. */
  active: number;
  /** What the next threshold does, e.g. "a 24-hour suspension at 3 strikes"; null at the top. */
  next: string | null;
  category: string;
  /** The account page's standing section, where the strike can be appealed. */
  standingUrl: string;
}

/** A strike that does not (yet) restrict the account: the warning step. */
export function strikeRecorded(data: StrikeRecordedData): EmailContent {
  return {
    subject: "A strike was recorded on your account",
    preheader: `You now have ${data.active} active strike${data.active === 1 ? "" : "s"}.`,
    heading: "A strike was recorded on your account",
    paragraphs: [
      `Hi ${data.name || "there"}, content you published was found to break our rules (${data.category}). This is a warning: you now have ${data.active} active strike${data.active === 1 ? "" : "s"}.`,
      data.next
        ? `Further strikes lead to ${data.next}. Strikes expire after 90 days without a new violation.`
        : "Strikes expire after 90 days without a new violation.",
      "If you think this is a mistake, you can appeal it from your account page within 30 days.",
    ],
    action: { label: "See your account", url: data.standingUrl },
    footer: "You receive this email because action was taken on your Resume Builder account.",
  };
}
