/**
 * What a photo upload (avatar or resume photo, README "Photos") may be: the formats, the
 * byte cap and the pixel limits, shared by the Worker that enforces them and the apps that
 * tell the person before they upload. Pure: no bindings.
 */

/** The only formats accepted, decided by the file's own signature, never its declared type. */
export const PHOTO_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

export const PHOTO_LIMITS = {
  /** 5 MB: a phone photo fits; a larger body is refused with 413 before it is read. */
  maxBytes: 5 * 1024 * 1024,
  /** Smaller than this is no readable portrait, even as a 64 px avatar. */
  minSide: 64,
  /** A 24 MP camera's 6000×4000 fits either way round; 6000×6000 does not (pixel cap). */
  maxSide: 6000,
  maxPixels: 24_000_000,
} as const;

/** Why a file is not accepted as a photo; each is a 400 with this code. */
export type PhotoProblem =
  /** Not PNG, JPEG or WebP by its bytes (or an animated WebP). */
  | "unsupported_image"
  /** Claims a format but its structure is broken or truncated. */
  | "invalid_image"
  /** Too small, too wide or tall, or too many pixels (PHOTO_LIMITS). */
  | "image_dimensions";

/** Thrown by the format readers; the Worker answers it as a 400 with `problem` as the code. */
export class PhotoRejected extends Error {
  constructor(
    readonly problem: PhotoProblem,
    message: string,
  ) {
    super(message);
    this.name = "PhotoRejected";
  }
}

export const invalidImage = (format: string, what: string) =>
  new PhotoRejected("invalid_image", `This ${format} file is damaged: ${what}`);

/** The format of the bytes by their signature (magic number), or null for anything else. */
export function sniffPhotoType(bytes: Uint8Array): PhotoContentType | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  // "RIFF" size "WEBP"
  if (starts(0x52, 0x49, 0x46, 0x46) && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  return null;
}

/** `length` bytes at `offset` as Latin-1 text (chunk names, signatures). */
export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let text = "";
  for (let i = offset; i < offset + length && i < bytes.length; i++) {
    text += String.fromCharCode(bytes[i] as number);
  }
  return text;
}

/** Checks the pixel limits; the dimensions are the stored ones (before any EXIF rotation). */
export function checkDimensions(width: number, height: number): void {
  const { minSide, maxSide, maxPixels } = PHOTO_LIMITS;
  if (width < minSide || height < minSide) {
    throw new PhotoRejected(
      "image_dimensions",
      `The photo is ${width}×${height} pixels; it needs at least ${minSide}×${minSide}`,
    );
  }
  if (width > maxSide || height > maxSide) {
    throw new PhotoRejected(
      "image_dimensions",
      `The photo is ${width}×${height} pixels; neither side may be over ${maxSide}`,
    );
  }
  if (width * height > maxPixels) {
    throw new PhotoRejected(
      "image_dimensions",
      `The photo has ${((width * height) / 1e6).toFixed(1)} megapixels; at most ${maxPixels / 1e6} are accepted`,
    );
  }
}

/** Concatenates byte ranges into one array (the stripped file). */
export function joinBytes(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.byteLength;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** What a photo is for: the account's avatar or one resume's photo (one of each at a time). */
export const PHOTO_KINDS = ["avatar", "resume_photo"] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/**
 * Where an uploaded photo stands in content moderation (README "Content moderation"):
 * `checking` until its check decides (its owner sees it; no public page or export shows it),
 * `live` once allowed, `withheld` while a moderator reviews it. A rejected photo is deleted.
 */
export const PHOTO_MODERATION_STATES = ["checking", "live", "withheld"] as const;
export type PhotoModerationState = (typeof PHOTO_MODERATION_STATES)[number];

/** Where the Worker serves a stored photo: a same-origin path, `/media/{key}`. */
export const MEDIA_PATH_PREFIX = "/media/";
/**
 * A stored photo's key: the content's SHA-256 (64 hex) and a 32-hex part only the server
 * can derive, then the extension. Unguessable without the owner's secret part, and never
 * reused for other bytes, so its address can be cached for good.
 */
export const MEDIA_KEY_PATTERN = /^[0-9a-f]{64}-[0-9a-f]{32}\.(png|jpg|webp)$/;

/** The key in a same-origin media path (`/media/{key}`), or null for anything else. */
export function mediaKeyOf(address: string): string | null {
  if (!address.startsWith(MEDIA_PATH_PREFIX)) return null;
  const key = address.slice(MEDIA_PATH_PREFIX.length);
  return MEDIA_KEY_PATTERN.test(key) ? key : null;
}
