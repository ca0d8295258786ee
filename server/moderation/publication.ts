// What a public link shows (README "Content moderation"): the resume as it last passed
// moderation. Turning the link on, and every save while it is on, asks for a check of the
// content (a repeat of the same content starts nothing); the checked content goes
// live only if it is still the content waiting (`pending_hash`), so a slow check of an older
// edit can never replace a newer one that passed first.
import { eq } from "drizzle-orm";
import type { SharePublicationState } from "../../core/moderation/model";
import type { ResumeData } from "../../core/resume/schema";
import { createDb } from "../../db/client";
import { resumeShares, users } from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { getResume } from "../resumes/resumes";
import { startModerationCheck } from "./checks";
import { reapplyDecision } from "./effects";
import { resumeSnapshot } from "./snapshots";

export interface PublicationView {
  state: SharePublicationState;
  publishedAt: number | null;
  /** True while newer content than what is live waits for its check. */
  changesPending: boolean;
}

/**
 * Publishes the resume's content on its enabled link: at once when exactly this content passed
 * before (a template change alone), otherwise after a moderation check. Returns null when the
 * resume has no enabled link. `data` is the resume as just saved, when the caller has it.
 */
export async function publishResume(
  env: Env,
  ownerId: string,
  resumeId: string,
  now: number,
  data?: ResumeData,
): Promise<PublicationView | null> {
  const db = createDb(env.DB);
  const [share] = await db
    .select()
    .from(resumeShares)
    .where(eq(resumeShares.resumeId, resumeId))
    .limit(1);
  if (!share?.enabled) return null;
  const [owner] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, ownerId))
    .limit(1);
  if (!owner) throw notFound("Share link");
  const content = data ?? (await getResume(env, ownerId, resumeId)).data;
  const { snapshot, hash } = await resumeSnapshot(content, owner);

  if (share.publishedHash === hash && share.publicationState === "live") {
    // The same words, maybe a new look: nothing new to check.
    await db
      .update(resumeShares)
      .set({ publishedJson: JSON.stringify(content), publishedAt: now, updatedAt: now })
      .where(eq(resumeShares.resumeId, resumeId));
    return { state: "live", publishedAt: now, changesPending: share.pendingHash !== null };
  }
  if (share.pendingHash !== hash) {
    const state: SharePublicationState = share.publicationState === "live" ? "live" : "checking";
    await db
      .update(resumeShares)
      .set({ pendingHash: hash, publicationState: state, updatedAt: now })
      .where(eq(resumeShares.resumeId, resumeId));
  }
  const check = await startModerationCheck(
    env,
    {
      kind: "share",
      subjectId: resumeId,
      userId: ownerId,
      resumeId,
      source: "publication",
      snapshot,
      hash,
      requestedBy: ownerId,
    },
    now,
  );
  await reapplyDecision(env, check, now);
  const [after] = await db
    .select()
    .from(resumeShares)
    .where(eq(resumeShares.resumeId, resumeId))
    .limit(1);
  return publicationView(after ?? share);
}

export function publicationView(share: {
  publicationState: SharePublicationState;
  publishedAt: number | null;
  pendingHash: string | null;
}): PublicationView {
  return {
    state: share.publicationState,
    publishedAt: share.publishedAt,
    changesPending: share.pendingHash !== null,
  };
}
