import { and, desc, eq, isNull, lt, type SQL, sql } from "drizzle-orm";
import { inspectPhoto } from "../../core/media/inspect-photo";
import {
  MEDIA_PATH_PREFIX,
  mediaKeyOf,
  PHOTO_LIMITS,
  type PhotoContentType,
  type PhotoKind,
  type PhotoModerationState,
  PhotoRejected,
} from "../../core/media/photo-rules";
import type { ResumeData } from "../../core/resume/schema";
import { base64UrlDecode, hexEncode, macOf, sha256Hex } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { type MediaRow, media, resumes } from "../../db/schema";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { signingKey } from "../signing-keys";

/**
 * Photo uploads (README "Photos"): the avatar and each resume's photo, stored in R2 `FILES`
 * with their metadata stripped, one `media` row per object. The write order keeps retries
 * and crashes harmless:
 *
 * 1. put the object under its content key (the same photo for the same slot always gets the
 *    same key, so a retry overwrites identical bytes);
 * 2. write its row (replacing a row of the same key, so the re-uploaded photo is the newest);
 * 3. delete the slot's older rows, each one's object first and then the row itself.
 *
 * Killed after 1, an object no row names is never served (serving needs the row) and the
 * retry reuses it; killed in 3, the rows left over are still older than the current one,
 * and the next upload or delete for that slot finishes removing them. The current photo of
 * a slot is its newest row (highest rowid), so two uploads racing end with the later one.
 */

type MediaEnv = Pick<Env, "DB" | "FILES" | "JWT_PRIVATE_KEYS">;

/** Whose photo and what for: the avatar, or the photo of one of the owner's resumes. */
export interface PhotoSlot {
  userId: string;
  kind: PhotoKind;
  /** The resume, for `resume_photo`; null for the avatar. */
  resumeId: string | null;
}

export interface StoredPhoto {
  key: string;
  kind: PhotoKind;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  contentType: PhotoContentType;
  createdAt: number;
  moderation: PhotoModerationState;
}

const EXTENSIONS: Record<PhotoContentType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};

/** The same-origin address a stored photo is served at. */
export const mediaPath = (key: string) => `${MEDIA_PATH_PREFIX}${key}`;

const toStored = (row: MediaRow): StoredPhoto => ({
  key: row.key,
  kind: row.kind,
  sha256: row.sha256,
  bytes: row.bytes,
  width: row.width,
  height: row.height,
  contentType: row.contentType,
  createdAt: row.createdAt,
  moderation: row.moderation,
});

/**
 * `{sha256}-{32 hex}.{ext}`: the content hash makes the address change with the bytes (so
 * it may be cached for good); the second part is an HMAC of the owner, the slot and the
 * hash under this deployment's signing secret, so nobody can compute a person's photo
 * address, not even from the photo itself.
 */
async function mediaKey(env: MediaEnv, slot: PhotoSlot, sha256: string, type: PhotoContentType) {
  const key = await signingKey(env, "media-key v1", "Photo uploads are not configured");
  const mac = await macOf(key, `${slot.userId}\n${slot.kind}\n${slot.resumeId ?? ""}\n${sha256}`);
  return `${sha256}-${hexEncode(base64UrlDecode(mac).subarray(0, 16))}.${EXTENSIONS[type]}`;
}

const slotIs = (slot: PhotoSlot): SQL =>
  and(
    eq(media.userId, slot.userId),
    eq(media.kind, slot.kind),
    slot.resumeId === null ? isNull(media.resumeId) : eq(media.resumeId, slot.resumeId),
  ) as SQL;

/**
 * The photo slot of one of the person's resumes: 404 for someone else's resume or one in
 * the bin, the same answer as for a resume that does not exist.
 */
export async function resumePhotoSlot(
  env: Pick<Env, "DB">,
  userId: string,
  resumeId: string,
): Promise<PhotoSlot> {
  const [row] = await createDb(env.DB)
    .select({ id: resumes.id })
    .from(resumes)
    .where(and(eq(resumes.id, resumeId), eq(resumes.userId, userId), isNull(resumes.deletedAt)))
    .limit(1);
  if (!row) throw notFound("Resume");
  return { userId, kind: "resume_photo", resumeId };
}

export const avatarSlot = (userId: string): PhotoSlot => ({
  userId,
  kind: "avatar",
  resumeId: null,
});

/** Deletes rows (object first, then row: a row left behind is the note that it still has to go). */
async function removeRows(env: MediaEnv, rows: Pick<MediaRow, "key">[]): Promise<void> {
  const db = createDb(env.DB);
  for (const row of rows) {
    await env.FILES.delete(row.key);
    await db.delete(media).where(eq(media.key, row.key));
  }
}

/**
 * Checks, strips and stores a photo for the slot and removes the one it replaces. The
 * caller has checked the slot is the person's (their resume). A file that is not an
 * accepted photo is a 400 with the reason's code (`unsupported_image`, `invalid_image`,
 * `image_dimensions`) and the limits in the details.
 */
export async function storePhoto(
  env: MediaEnv,
  slot: PhotoSlot,
  upload: Uint8Array,
  now: number,
): Promise<StoredPhoto> {
  if (upload.byteLength > PHOTO_LIMITS.maxBytes) throw photoTooLarge();
  let photo: ReturnType<typeof inspectPhoto>;
  try {
    photo = inspectPhoto(upload);
  } catch (error) {
    if (!(error instanceof PhotoRejected)) throw error;
    throw new AppError(400, error.problem, error.message, {
      accepted_types: ["image/png", "image/jpeg", "image/webp"],
      min_side: PHOTO_LIMITS.minSide,
      max_side: PHOTO_LIMITS.maxSide,
      max_pixels: PHOTO_LIMITS.maxPixels,
    });
  }
  const sha256 = await sha256Hex(photo.bytes);
  const key = await mediaKey(env, slot, sha256, photo.contentType);
  await env.FILES.put(key, photo.bytes, {
    sha256,
    httpMetadata: { contentType: photo.contentType },
    // For an operator looking at the bucket: whose it is (the row is what counts).
    customMetadata: { user: slot.userId, kind: slot.kind, resume: slot.resumeId ?? "" },
  });
  const row: MediaRow = {
    key,
    userId: slot.userId,
    kind: slot.kind,
    resumeId: slot.resumeId,
    sha256,
    contentType: photo.contentType,
    bytes: photo.bytes.byteLength,
    width: photo.width,
    height: photo.height,
    createdAt: now,
    // Shown to its owner at once, to anyone else once its check allowed it.
    moderation: "checking",
  };
  const db = createDb(env.DB);
  // Delete-then-insert in one batch: the same photo uploaded again becomes the newest row.
  await db.batch([db.delete(media).where(eq(media.key, key)), db.insert(media).values(row)]);
  const older = await db
    .select({ key: media.key })
    .from(media)
    .where(
      and(
        slotIs(slot),
        lt(sql`rowid`, sql`(SELECT rowid FROM ${media} WHERE ${media.key} = ${key})`),
      ),
    );
  await removeRows(env, older);
  return toStored(row);
}

/**
 * Records what moderation decided about a stored photo; false when the photo is gone (a
 * replaced or removed photo needs nothing).
 */
export async function setPhotoModeration(
  env: Pick<Env, "DB">,
  key: string,
  state: PhotoModerationState,
): Promise<boolean> {
  const changed = await createDb(env.DB)
    .update(media)
    .set({ moderation: state })
    .where(eq(media.key, key))
    .returning({ key: media.key });
  return changed.length > 0;
}

/** The slot's current photo (its newest row), or null. */
export async function currentPhoto(
  env: Pick<Env, "DB">,
  slot: PhotoSlot,
): Promise<StoredPhoto | null> {
  const [row] = await createDb(env.DB)
    .select()
    .from(media)
    .where(slotIs(slot))
    .orderBy(desc(sql`rowid`))
    .limit(1);
  return row ? toStored(row) : null;
}

/** One stored photo by its key, or null once it was removed or replaced. */
export async function findPhoto(env: Pick<Env, "DB">, key: string): Promise<StoredPhoto | null> {
  const [row] = await createDb(env.DB).select().from(media).where(eq(media.key, key)).limit(1);
  return row ? toStored(row) : null;
}

/**
 * The resume as a public page may show it (README "Content moderation"): a photo uploaded here
 * once moderation let it go live. Any other image — an outside address or an inline `data:`
 * image — was never checked, so the page shows initials instead; the PDF export, which only its
 * owner receives, still fetches an outside address through the safe fetcher.
 */
export async function withPublishablePhoto(
  env: Pick<Env, "DB">,
  data: ResumeData,
): Promise<ResumeData> {
  const image = typeof data.basics?.image === "string" ? data.basics.image.trim() : "";
  if (!image) return data;
  const key = mediaKeyOf(image);
  const photo = key ? await findPhoto(env, key) : null;
  if (photo?.moderation === "live") return data;
  return { ...data, basics: { ...data.basics, image: "" } };
}

/** Removes every photo of the slot; false when there was none (a repeated DELETE). */
export async function removePhotos(env: MediaEnv, slot: PhotoSlot): Promise<boolean> {
  const rows = await createDb(env.DB).select({ key: media.key }).from(media).where(slotIs(slot));
  await removeRows(env, rows);
  return rows.length > 0;
}

/**
 * Takes one stored photo offline for good (object, then row), whatever slot it is in: for
 * a moderation decision that rejects it. False when it was already gone.
 */
export async function removeStoredPhoto(env: MediaEnv, key: string): Promise<boolean> {
  const [row] = await createDb(env.DB)
    .select({ key: media.key })
    .from(media)
    .where(eq(media.key, key));
  if (!row) return false;
  await removeRows(env, [row]);
  return true;
}

export interface ServedPhoto {
  body: ReadableStream;
  contentType: PhotoContentType;
  size: number;
  sha256: string;
}

/**
 * A stored photo to serve: null unless its row exists, moderation does not withhold it, and
 * its object is in R2. `publicOnly` (exports, which publish it) also refuses one still being
 * checked; its address is served meanwhile, because only its owner knows it yet.
 */
export async function readPhoto(
  env: Pick<Env, "DB" | "FILES">,
  key: string,
  publicOnly = false,
): Promise<ServedPhoto | null> {
  const [row] = await createDb(env.DB).select().from(media).where(eq(media.key, key)).limit(1);
  if (!row || row.moderation === "withheld") return null;
  if (publicOnly && row.moderation !== "live") return null;
  const object = await env.FILES.get(key);
  if (!object) return null;
  return { body: object.body, contentType: row.contentType, size: object.size, sha256: row.sha256 };
}

/** The bytes of a live photo (for the PDF export, which inlines it), or null. */
export async function photoBytes(
  env: Pick<Env, "DB" | "FILES">,
  key: string,
): Promise<{ bytes: Uint8Array; contentType: PhotoContentType } | null> {
  const photo = await readPhoto(env, key, true);
  if (!photo) return null;
  return {
    bytes: new Uint8Array(await new Response(photo.body).arrayBuffer()),
    contentType: photo.contentType,
  };
}

export const photoTooLarge = () =>
  new AppError(
    413,
    "payload_too_large",
    `The photo is larger than ${PHOTO_LIMITS.maxBytes / (1024 * 1024)} MB`,
    { max_bytes: PHOTO_LIMITS.maxBytes },
  );
