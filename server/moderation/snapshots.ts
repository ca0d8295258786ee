// What a moderation check looked at, kept in R2 (README "Content moderation"): the moderator's
// preview shows exactly this, and every layer of the workflow reads it instead of the live
// resume or photo, which may have changed or gone since. Keyed by content hash, so writing it
// twice is harmless.
import type { PhotoContentType } from "../../core/media/photo-rules";
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

/**
 * An uploaded photo as it was checked. The bytes are copied next to the snapshot, because a
 * rejected or replaced photo leaves `media` at once while its case still needs a preview.
 */
export interface PhotoSnapshot {
  kind: "photo";
  /** The stored photo's key when it was checked (README "Photos"); it may be gone since. */
  mediaKey: string;
  contentType: PhotoContentType;
  sha256: string;
  width: number;
  height: number;
  /** Where the copy of the checked bytes is: `moderation/photos/{sha256}`. */
  imageKey: string;
}

export type ModerationSnapshot = ResumeSnapshot | PhotoSnapshot;

export const snapshotKeyOf = (hash: string) => `moderation/snapshots/${hash}.json`;
const photoCopyKeyOf = (sha256: string) => `moderation/photos/${sha256}`;

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

/**
 * Copies a photo's bytes for its case and describes it. The content hash of a photo is the
 * SHA-256 of its stored bytes: the same picture uploaded again, by anyone, is known content.
 */
export async function photoSnapshot(
  env: SnapshotEnv,
  photo: Omit<PhotoSnapshot, "kind" | "imageKey">,
  bytes: Uint8Array,
): Promise<{ snapshot: PhotoSnapshot; hash: string }> {
  const imageKey = photoCopyKeyOf(photo.sha256);
  await env.FILES.put(imageKey, bytes, {
    sha256: photo.sha256,
    httpMetadata: { contentType: photo.contentType },
  });
  return { snapshot: { kind: "photo", ...photo, imageKey }, hash: photo.sha256 };
}

export async function storeSnapshot(
  env: SnapshotEnv,
  hash: string,
  snapshot: ModerationSnapshot,
): Promise<string> {
  const key = snapshotKeyOf(hash);
  await env.FILES.put(key, JSON.stringify(snapshot), {
    httpMetadata: { contentType: "application/json" },
  });
  return key;
}

export async function readSnapshot(env: SnapshotEnv, key: string): Promise<ModerationSnapshot> {
  const object = await env.FILES.get(key);
  if (!object) throw new Error(`moderation snapshot ${key} is missing`);
  const raw = (await object.json()) as ModerationSnapshot;
  if (raw.kind === "photo") return raw;
  return { kind: "resume", data: resumeDataSchema.parse(raw.data), owner: raw.owner };
}

/** The checked bytes of a photo case, or null when they were erased. */
export async function readPhotoCopy(
  env: SnapshotEnv,
  snapshot: PhotoSnapshot,
): Promise<{ bytes: Uint8Array; contentType: PhotoContentType } | null> {
  const object = await env.FILES.get(snapshot.imageKey);
  if (!object) return null;
  return { bytes: new Uint8Array(await object.arrayBuffer()), contentType: snapshot.contentType };
}
