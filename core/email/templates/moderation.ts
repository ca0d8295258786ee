import { type EmailContent, utcMinute } from "../layout";

/** What happened to the owner's content (README "Content moderation"). */
export type ModerationNoticeKind =
  | "taken_down"
  | "in_review"
  | "warning"
  | "approved"
  | "changes_requested";

export interface ModerationNoticeData {
  name: string;
  kind: ModerationNoticeKind;
  /** What was checked, e.g. `the public page of "Engineering roles"`. */
  subject: string;
  /** What was found, in words (never the matched personal data itself). */
  reason: string;
  /** Absolute URL where the owner can fix it (the resume's editor). */
  manageUrl: string;
}

const HEADINGS: Record<ModerationNoticeKind, string> = {
  taken_down: "We took your content offline",
  in_review: "Your content is being reviewed",
  warning: "A note about your published content",
  approved: "Your content passed review",
  changes_requested: "Please change your content",
};

const EXPLANATIONS: Record<ModerationNoticeKind, string> = {
  taken_down:
    "It breaks the content rules, so it is no longer shown to anyone. Edit the resume to remove what was found, then publish it again; it will be checked once more.",
  in_review:
    "A moderator will look at it within a day or two. You do not need to do anything; we will email you the outcome.",
  warning:
    "It stays published, but please check it: content like this is often removed when people report it.",
  approved: "A moderator looked at it and it is published as it is. Thank you for your patience.",
  changes_requested:
    "A moderator asked for changes before it can be shown again. Edit the resume, then publish it again.",
};

/** To the owner, whenever moderation acts on something they published. */
export function moderationNotice(data: ModerationNoticeData): EmailContent {
  return {
    subject: `${HEADINGS[data.kind]}: ${data.subject}`,
    preheader: data.reason,
    heading: HEADINGS[data.kind],
    paragraphs: [
      `Hi ${data.name || "there"}, this is about ${data.subject}.`,
      `What we found: ${data.reason}`,
      EXPLANATIONS[data.kind],
    ],
    action: { label: "Open the resume", url: data.manageUrl },
    footer:
      "You receive this email because content you published with Resume Builder was checked by our content moderation.",
  };
}

export interface ModerationEscalatedData {
  caseId: string;
  subject: string;
  category: string;
  /** ISO time the review was due. */
  dueAt: string;
  caseUrl: string;
  environment: string;
}

/** Operator alert: a case waited past its review deadline. */
export function moderationEscalated(data: ModerationEscalatedData): EmailContent {
  return {
    subject: `[${data.environment}] Moderation case ${data.caseId} is overdue`,
    preheader: `Review of ${data.subject} was due ${utcMinute(data.dueAt)}.`,
    heading: "A moderation case is overdue",
    paragraphs: [
      `Nobody decided on ${data.subject} before its deadline, so the case is now critical and at the top of the review queue.`,
    ],
    facts: [
      { label: "Case", value: data.caseId },
      { label: "Category", value: data.category },
      { label: "Was due", value: utcMinute(data.dueAt) },
    ],
    action: { label: "Open the case", url: data.caseUrl },
    footer: `You receive this alert because this address is the operator alert address (OPS_ALERT_EMAIL) of the ${data.environment} environment.`,
  };
}
