// What a decision does to the content itself (README "Content moderation"): a public link goes
// live, is withheld or taken down; a photo goes live, is withheld, or is deleted. Shared by the
// workflow's steps and by a publication whose content was already judged (the same case, so
// no workflow runs again). Every write is a compare-and-set or a delete, so repeating is harmless.
import { withheldWhileInReview } from "../../core/moderation/decision";
import type { ModerationCategory, ModerationOutcome } from "../../core/moderation/model";
import type { ModerationCaseRow } from "../../db/schema";
import type { Env } from "../env";
import { removeStoredPhoto, setPhotoModeration } from "../media/photos";
import { putLive, takeOffline } from "./share-state";

export interface DecisionEffect {
  outcome: ModerationOutcome;
  category: ModerationCategory | null;
  confidence: number | null;
}

type Subject = Pick<
  ModerationCaseRow,
  "subjectKind" | "subjectId" | "resumeId" | "contentHash" | "snapshotKey" | "source"
>;

/** Whether the decision takes the content offline for good (until changed content passes). */
const removes = (outcome: ModerationOutcome) => outcome === "block" || outcome === "quarantine";

async function applyToShare(env: Env, row: Subject, effect: DecisionEffect, now: number) {
  if (!row.resumeId || !row.snapshotKey) return;
  if (removes(effect.outcome)) {
    await takeOffline(env, row.resumeId, row.contentHash, "taken_down", now);
  } else if (effect.outcome === "review" && withheldWhileInReview(effect)) {
    await takeOffline(env, row.resumeId, row.contentHash, "withheld", now);
  } else if (effect.outcome !== "review" || row.source === "publication") {
    // Reported content the layers found nothing in stays as it is; enough report weight
    // withholds it (reports.ts).
    await putLive(env, row.resumeId, row.contentHash, row.snapshotKey, now);
  }
}

async function applyToPhoto(env: Env, row: Subject, effect: DecisionEffect) {
  const key = row.subjectId;
  if (removes(effect.outcome)) {
    await removeStoredPhoto(env, key);
  } else if (effect.outcome === "review" && withheldWhileInReview(effect)) {
    await setPhotoModeration(env, key, "withheld");
  } else if (effect.outcome !== "review" || row.source === "publication") {
    await setPhotoModeration(env, key, "live");
  }
}

/** Carries a decision out on the case's subject. An export reads its case's outcome instead. */
export async function applyToSubject(
  env: Env,
  row: Subject,
  effect: DecisionEffect,
  now: number,
): Promise<void> {
  switch (row.subjectKind) {
    case "share":
      return applyToShare(env, row, effect, now);
    case "avatar":
    case "resume_photo":
      return applyToPhoto(env, row, effect);
    case "export":
      return;
  }
}

/**
 * The same content published again lands on its existing case, whose workflow ran already:
 * a case that was decided (or is in review) has its decision carried out again at once.
 */
export async function reapplyDecision(
  env: Env,
  row: Subject & Pick<ModerationCaseRow, "status" | "outcome" | "category" | "confidence">,
  now: number,
): Promise<void> {
  if (row.status === "checking" || !row.outcome) return;
  await applyToSubject(
    env,
    row,
    { outcome: row.outcome, category: row.category, confidence: row.confidence },
    now,
  );
}
