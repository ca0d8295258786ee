// The states of a public link that moderation moves it between (README "Content moderation"):
// live with the content that passed, withheld while a moderator looks, taken down after a
// violation. Compare-and-set on the content hash, so a late or repeated decision about older
// content never changes what a newer check decided.
import { and, eq, isNull, or } from "drizzle-orm";
import type { SharePublicationState } from "../../core/moderation/model";
import { createDb } from "../../db/client";
import { resumeShares } from "../../db/schema";
import type { Env } from "../env";
import { readSnapshot } from "./snapshots";

/** The checked content goes live, if it is still what the link waits for (or already shows). */
export async function putLive(
  env: Env,
  resumeId: string,
  hash: string,
  snapshotKey: string,
  now: number,
): Promise<boolean> {
  const snapshot = await readSnapshot(env, snapshotKey);
  if (snapshot.kind !== "resume") throw new Error(`snapshot ${snapshotKey} is not a resume`);
  const updated = await createDb(env.DB)
    .update(resumeShares)
    .set({
      publishedJson: JSON.stringify(snapshot.data),
      publishedHash: hash,
      publishedAt: now,
      pendingHash: null,
      publicationState: "live",
      updatedAt: now,
    })
    .where(
      and(
        eq(resumeShares.resumeId, resumeId),
        or(eq(resumeShares.pendingHash, hash), eq(resumeShares.publishedHash, hash)),
      ),
    )
    .returning({ resumeId: resumeShares.resumeId });
  return updated.length > 0;
}

/**
 * Takes the link offline: `taken_down` after a violation (whichever content it showed or waited
 * to show), `withheld` while a moderator looks. A new edit waiting for review withholds nothing
 * while earlier checked content is live; reported live content is withheld.
 */
export async function takeOffline(
  env: Pick<Env, "DB">,
  resumeId: string,
  hash: string,
  state: Extract<SharePublicationState, "withheld" | "taken_down">,
  now: number,
): Promise<boolean> {
  const concerned =
    state === "taken_down"
      ? or(eq(resumeShares.pendingHash, hash), eq(resumeShares.publishedHash, hash))
      : or(
          and(eq(resumeShares.pendingHash, hash), isNull(resumeShares.publishedHash)),
          eq(resumeShares.publishedHash, hash),
        );
  const changes =
    state === "taken_down"
      ? { publishedJson: null, publishedHash: null, pendingHash: null, publicationState: state }
      : { publicationState: state };
  const updated = await createDb(env.DB)
    .update(resumeShares)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(resumeShares.resumeId, resumeId), concerned))
    .returning({ resumeId: resumeShares.resumeId });
  return updated.length > 0;
}
