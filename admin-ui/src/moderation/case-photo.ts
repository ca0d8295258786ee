// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.

import type { ModerationCasePhoto } from "../../../core/contract/moderation";
import type { PhotoContentType } from "../../../core/media/photo-rules";

/** What a photo case's preview says of the image, beside the image itself. */

const FORMAT_NAMES: Record<PhotoContentType, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
};

/** "PNG (image/png)": the format in words, with the type the bytes are served as. */
export const photoFormat = (photo: ModerationCasePhoto): string =>
  `${FORMAT_NAMES[photo.content_type]} (${photo.content_type})`;

/**
 * "1200 × 800 px · 0.96 MP": the megapixels to two places, since the upload limit (24 MP) is
 * stated in them and a moderator comparing a suspicious size to it should not have to multiply.
 */
export function photoDimensions(photo: ModerationCasePhoto): string {
  const megapixels = (photo.width * photo.height) / 1_000_000;
  return `${photo.width} × ${photo.height} px · ${megapixels.toFixed(2)} MP`;
}

/** The alt text: which photo it is, since the image itself is what is under review. */
export const photoAlt = (subjectLabel: string): string =>
  `The ${subjectLabel.toLowerCase()} under review, as it was checked`;
