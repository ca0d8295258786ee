import { z } from "zod";
import {
  MEDIA_KEY_PATTERN,
  PHOTO_CONTENT_TYPES,
  PHOTO_KINDS,
  PHOTO_MODERATION_STATES,
} from "../media/photo-rules";

/**
 * The wire contract of photo uploads (README "Photos"): `POST/GET/DELETE /api/profile/avatar`
 * and `POST/DELETE /api/resumes/{id}/photo`. The upload's body is the image file itself
 * (any declared Content-Type; the bytes decide the format), answered with the stored photo.
 */

export const mediaKeySchema = z
  .string()
  .regex(MEDIA_KEY_PATTERN, "Not a media key")
  .meta({ description: "The content hash and an unguessable part, then the extension" });

export const photoSchema = z
  .object({
    key: mediaKeySchema,
    url: z.string().meta({
      description:
        "Same-origin path the Worker serves it at (`/media/{key}`): what `basics.image` holds",
    }),
    kind: z.enum(PHOTO_KINDS),
    sha256: z.string().meta({ description: "SHA-256 of the stored bytes (metadata removed)" }),
    bytes: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    content_type: z.enum(PHOTO_CONTENT_TYPES),
    created_at: z.string(),
    moderation: z.enum(PHOTO_MODERATION_STATES).meta({
      description:
        "`checking` until its content check decides (public pages and exports leave it out meanwhile), `live`, or `withheld` while a moderator reviews it; a rejected photo is deleted",
    }),
  })
  .meta({ id: "Photo" });
export type Photo = z.output<typeof photoSchema>;

/** `GET /api/profile/avatar`: the current avatar, or null when there is none. */
export const avatarResultSchema = z
  .object({ photo: photoSchema.nullable() })
  .meta({ id: "Avatar" });
export type AvatarResult = z.output<typeof avatarResultSchema>;

/** What a DELETE answers: whether there was a photo to remove (a repeat finds none). */
export const photoRemovedSchema = z.object({ removed: z.boolean() }).meta({ id: "PhotoRemoved" });
export type PhotoRemoved = z.output<typeof photoRemovedSchema>;
