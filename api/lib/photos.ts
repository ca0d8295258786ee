import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Photo } from "../../core/contract/media";
import { PHOTO_CONTENT_TYPES } from "../../core/media/photo-rules";
import { AppError } from "../../server/errors";
import { mediaPath, type StoredPhoto } from "../../server/media/photos";
import type { AppEnv } from "../app-env";
import { errorEnvelopeSchema, jsonResponse } from "./schemas";

/**
 * What the photo upload routes share (README "Photos"): the request body is the image file
 * itself — any declared type, the bytes decide — and the answer is the stored photo.
 */

const binary = { schema: z.any().openapi({ type: "string", format: "binary" }) };

export const photoUploadBody = {
  body: {
    required: true,
    description: "The image file (PNG, JPEG or WebP, at most 5 MB); the bytes decide the format",
    content: Object.fromEntries(
      [...PHOTO_CONTENT_TYPES, "application/octet-stream"].map((type) => [type, binary]),
    ),
  },
};

export const photoUploadErrors = {
  413: jsonResponse(errorEnvelopeSchema, "Larger than 5 MB (`payload_too_large`)"),
  422: jsonResponse(
    errorEnvelopeSchema,
    "These exact bytes were rejected by content moderation before (`photo_rejected`)",
  ),
  429: jsonResponse(errorEnvelopeSchema, "Too many uploads this hour (`rate_limited`)"),
} as const;

export const photoUploadDescription =
  "400 `unsupported_image` when the bytes are not PNG, JPEG or WebP (or are an animated image), `invalid_image` when the file is damaged, `image_dimensions` outside 64–6000 px a side or over 24 megapixels. EXIF, XMP, IPTC, comments and text chunks are removed before storing (a JPEG keeps only its orientation). The photo replaces the slot's previous one, which is deleted. Every upload passes content moderation: the answer's `moderation` is `checking` until it decides.";

/** The uploaded file's bytes; an empty body is a 400 naming the body. */
export async function readUpload(c: Context<AppEnv>): Promise<Uint8Array> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength === 0) {
    throw new AppError(400, "validation_failed", "Send the image file as the request body", [
      { path: [], message: "Required", location: "body" },
    ]);
  }
  return bytes;
}

export const toPhotoBody = (photo: StoredPhoto): Photo => ({
  key: photo.key,
  url: mediaPath(photo.key),
  kind: photo.kind,
  sha256: photo.sha256,
  bytes: photo.bytes,
  width: photo.width,
  height: photo.height,
  content_type: photo.contentType,
  created_at: new Date(photo.createdAt).toISOString(),
  moderation: photo.moderation,
});
