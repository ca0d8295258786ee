import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { avatarResultSchema, photoRemovedSchema, photoSchema } from "../../core/contract/media";
import { avatarSlot, currentPhoto, removePhotos } from "../../server/media/photos";
import { uploadPhoto } from "../../server/moderation/photos";
import type { AppEnv } from "../app-env";
import { ok } from "../lib/envelope";
import {
  photoUploadBody,
  photoUploadDescription,
  photoUploadErrors,
  readUpload,
  toPhotoBody,
} from "../lib/photos";
import { limitRequest } from "../lib/rate-limit";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

/** `/api/profile/avatar`: the account's picture (README "Photos"). */
const common = { tags: ["Profile"], security: bearerSecurity, middleware: [requireUser] };

const getRoute = createRoute({
  ...common,
  method: "get",
  path: "/",
  summary: "Your avatar, or null",
  responses: { 200: jsonResponse(envelopeOf(avatarResultSchema), "The avatar"), ...errorResponses },
});

const uploadRoute = createRoute({
  ...common,
  method: "post",
  path: "/",
  summary: "Upload your avatar (the image file is the body)",
  description: photoUploadDescription,
  request: photoUploadBody,
  responses: {
    201: jsonResponse(envelopeOf(photoSchema), "Stored; served at `url`"),
    ...photoUploadErrors,
    ...errorResponses,
  },
});

const deleteRoute = createRoute({
  ...common,
  method: "delete",
  path: "/",
  summary: "Remove your avatar (a repeat answers removed: false)",
  responses: { 200: jsonResponse(envelopeOf(photoRemovedSchema), "Removed"), ...errorResponses },
});

const userIdOf = (c: Context<AppEnv>) => userPrincipal(c.get("principal")).userId;

export const avatarRoutes = createRouter()
  .openapi(getRoute, async (c) => {
    const photo = await currentPhoto(c.env, avatarSlot(userIdOf(c)));
    return ok(c, { photo: photo ? toPhotoBody(photo) : null }, 200);
  })
  .openapi(uploadRoute, async (c) => {
    const userId = userIdOf(c);
    await limitRequest(c, "photoUpload", userId);
    const stored = await uploadPhoto(c.env, avatarSlot(userId), await readUpload(c), c.get("now"));
    return ok(c, toPhotoBody(stored), 201);
  })
  .openapi(deleteRoute, async (c) => {
    const removed = await removePhotos(c.env, avatarSlot(userIdOf(c)));
    return ok(c, { removed }, 200);
  });
