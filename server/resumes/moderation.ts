import type { ResumeData } from "../../core/resume/schema";
import type { Env } from "../env";

/**
 * The moderation gate every published artefact (an export, for now) passes through. The
 * content rules arrive with the moderation issue; until then every document is
 * allowed, but callers already handle the "blocked" outcome, so adding rules here changes
 * no caller.
 */
export type ModerationVerdict =
  | { outcome: "allowed" }
  | {
      outcome: "blocked";
      /** Shown to the person: what was held back and what they can do. */
      reason: string;
      /** Which rule decided, for the audit trail. */
      rule: string;
    };

export interface ModerationSubject {
  kind: "resume_export";
  userId: string;
  resumeId: string;
  data: ResumeData;
}

export async function reviewContent(
  _env: Pick<Env, "DB">,
  _subject: ModerationSubject,
): Promise<ModerationVerdict> {
  return { outcome: "allowed" };
}

/** The sentence a blocked export's job shows. */
export const blockedMessage = (verdict: Extract<ModerationVerdict, { outcome: "blocked" }>) =>
  `This resume was held back by content moderation: ${verdict.reason}`;
