// What a moderation check looked at, kept in R2 (README "Content moderation"): the moderator's
// preview shows exactly this, and every layer of the workflow reads it instead of the live
// resume, which may have changed since. Keyed by content hash, so writing it twice is harmless.
import { resumeToModerationDocument } from "../../core/moderation/document";
import { contentHash } from "../../core/moderation/hash";
import type { ModerationDocument } from "../../core/moderation/model";
import { type ResumeData, resumeDataSchema } from "../../core/resume/schema";
import type { Env } from "../env";

type SnapshotEnv = Pick<Env, "FILES">;

/** A resume as it was published, with whose it is (their own contacts are not leakage). */
export interface ResumeSnapshot {
  kind: "resume";
  data: ResumeData;
  owner: { email: string };
}

export const snapshotKeyOf = (hash: string) => `moderation/snapshots/${hash}.json`;

export function documentOf(snapshot: ResumeSnapshot): ModerationDocument {
  return resumeToModerationDocument(snapshot.data, snapshot.owner);
}

/** The snapshot and its content hash (the hash of the text a visitor would read). */
export async function resumeSnapshot(
  data: ResumeData,
  owner: { email: string },
): Promise<{ snapshot: ResumeSnapshot; hash: string }> {
  const snapshot: ResumeSnapshot = { kind: "resume", data, owner: { email: owner.email } };
  return { snapshot, hash: await contentHash(documentOf(snapshot)) };
}

export async function storeSnapshot(
  env: SnapshotEnv,
  hash: string,
  snapshot: ResumeSnapshot,
): Promise<string> {
  const key = snapshotKeyOf(hash);
  await env.FILES.put(key, JSON.stringify(snapshot), {
    httpMetadata: { contentType: "application/json" },
  });
  return key;
}

export async function readSnapshot(env: SnapshotEnv, key: string): Promise<ResumeSnapshot> {
  const object = await env.FILES.get(key);
  if (!object) throw new Error(`moderation snapshot ${key} is missing`);
  const raw = (await object.json()) as ResumeSnapshot;
  return { kind: "resume", data: resumeDataSchema.parse(raw.data), owner: raw.owner };
}
