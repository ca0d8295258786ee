// Photo uploads pass content moderation (README "Content moderation"): the stored photo is
// `checking` (its owner sees it, no public page or export does) until its check decides. The
// case is keyed by the photo's address and bytes, so a retried upload starts nothing new; the
// same photo uploaded again after its case was decided gets that decision at once.
import { inspectPhoto } from "../../core/media/inspect-photo";
import { sha256Hex } from "../../core/security/crypto";
import type { Env } from "../env";
import { AppError } from "../errors";
import { findPhoto, type PhotoSlot, type StoredPhoto, storePhoto } from "../media/photos";
import { startModerationCheck } from "./checks";
import { reapplyDecision } from "./effects";
import { knownContent } from "./hash-cache";
import { photoSnapshot } from "./snapshots";

/** Starts the check of a stored photo; returns its case. */
async function checkPhoto(env: Env, slot: PhotoSlot, photo: StoredPhoto, now: number) {
  const object = await env.FILES.get(photo.key);
  if (!object) throw new Error(`photo ${photo.key} vanished before its check`);
  const { snapshot, hash } = await photoSnapshot(
    env,
    {
      mediaKey: photo.key,
      contentType: photo.contentType,
      sha256: photo.sha256,
      width: photo.width,
      height: photo.height,
    },
    new Uint8Array(await object.arrayBuffer()),
  );
  return startModerationCheck(
    env,
    {
      kind: slot.kind,
      subjectId: photo.key,
      userId: slot.userId,
      resumeId: slot.resumeId,
      source: "publication",
      snapshot,
      hash,
      requestedBy: slot.userId,
    },
    now,
  );
}

const photoRejected = () =>
  new AppError(
    422,
    "photo_rejected",
    "This photo was rejected by our content checks before. Choose another photo.",
  );

/**
 * Whether a moderator rejected these exact bytes before (the known-content cache): refused
 * before storing, so the slot keeps the photo it has. A file that is not an accepted photo is
 * left to `storePhoto`, which says what is wrong with it.
 */
async function knownBad(env: Env, upload: Uint8Array): Promise<boolean> {
  let stored: Uint8Array;
  try {
    stored = inspectPhoto(upload).bytes;
  } catch {
    return false;
  }
  return (await knownContent(env, await sha256Hex(stored)))?.verdict === "bad";
}

/**
 * Stores the upload in its slot and starts its check. Answers the photo as it stands after
 * that: usually `checking`, or `live`/`withheld` when these bytes were judged before. Bytes
 * judged a violation before are refused (422 `photo_rejected`).
 */
export async function uploadPhoto(
  env: Env,
  slot: PhotoSlot,
  upload: Uint8Array,
  now: number,
): Promise<StoredPhoto> {
  if (await knownBad(env, upload)) throw photoRejected();
  const photo = await storePhoto(env, slot, upload, now);
  const row = await checkPhoto(env, slot, photo, now);
  await reapplyDecision(env, row, now);
  const after = await findPhoto(env, photo.key);
  // Blocked by the automated layers before (no moderator, so not in the cache): removed again.
  if (!after) throw photoRejected();
  return after;
}
