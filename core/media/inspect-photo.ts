import { readJpeg } from "./jpeg";
import {
  checkDimensions,
  PHOTO_LIMITS,
  type PhotoContentType,
  PhotoRejected,
  sniffPhotoType,
} from "./photo-rules";
import { readPng } from "./png";
import { readWebp } from "./webp";

/**
 * Why these readers are written here rather than taken from npm: stripping metadata
 * without re-encoding needs a parser that rebuilds the file segment by segment, and what
 * npm offers either re-encodes the pixels (sharp: native, not in workerd; the squoosh WASM
 * codecs: megabytes of WASM and a lossy second JPEG pass), handles one format (piexifjs:
 * JPEG EXIF only, unmaintained since 2017, leaves XMP/IPTC/COM), or only reads (exifr,
 * image-size). Reading the size comes for free from the same walk, so `image-size` would
 * be a second parser of the same headers. Each reader is bounded by the file: every step
 * moves forward by a length it has checked against the end.
 */

export interface InspectedPhoto {
  contentType: PhotoContentType;
  width: number;
  height: number;
  /** The file to store: same pixels, metadata removed (README "Photos"). */
  bytes: Uint8Array;
}

const READERS = { "image/png": readPng, "image/jpeg": readJpeg, "image/webp": readWebp } as const;

/**
 * The photo as it will be stored, or a PhotoRejected with the reason: its format decided
 * by its signature, its size read from the headers without decoding the pixels, checked
 * against PHOTO_LIMITS, and its metadata stripped.
 */
export function inspectPhoto(bytes: Uint8Array): InspectedPhoto {
  if (bytes.length > PHOTO_LIMITS.maxBytes) {
    // The route refuses larger bodies first (413); this keeps the pure function honest too.
    throw new PhotoRejected("invalid_image", "The photo is larger than the limit");
  }
  const contentType = sniffPhotoType(bytes);
  if (!contentType) {
    throw new PhotoRejected(
      "unsupported_image",
      "This file is not a PNG, JPEG or WebP image (its contents decide, not its name)",
    );
  }
  let read: ReturnType<(typeof READERS)[PhotoContentType]>;
  try {
    read = READERS[contentType](bytes);
  } catch (error) {
    if (error instanceof PhotoRejected) throw error;
    // A DataView read past the end: a length field pointed outside the file.
    throw new PhotoRejected("invalid_image", "The image file is damaged or cut off");
  }
  checkDimensions(read.width, read.height);
  return { contentType, width: read.width, height: read.height, bytes: read.bytes };
}
