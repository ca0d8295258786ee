import { createRoute } from "@hono/zod-openapi";
import { photoRemovedSchema, photoSchema } from "../../../core/contract/media";
import { removePhotos, resumePhotoSlot } from "../../../server/media/photos";
import { uploadPhoto } from "../../../server/moderation/photos";
import { ok } from "../../lib/envelope";
import {
  photoUploadBody,
  photoUploadDescription,
  photoUploadErrors,
  readUpload,
  toPhotoBody,
} from "../../lib/photos";
import { limitRequest } from "../../lib/rate-limit";
import { createRouter } from "../../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../../lib/schemas";
import { requireUser, userPrincipal } from "../../middleware/principal";
import { resumeIdParam } from "./schemas";

/**
 * `/api/resumes/{id}/photo`: the resume's uploaded photo (README "Photos"). The answer's
 * `url` is what the editor puts in `basics.image`; the document itself is saved by the
 * editor as usual, so an upload never races the person's own edits.
 */
const common = { tags: ["Resumes"], security: bearerSecurity, middleware: [requireUser] };

const uploadRoute = createRoute({
  ...common,
  method: "post",
  path: "/{id}/photo",
  summary: "Upload the resume's photo (the image file is the body)",
  description: `${photoUploadDescription} Someone else's resume, or one in the bin, is 404.`,
  request: { params: resumeIdParam, ...photoUploadBody },
  responses: {
    201: jsonResponse(envelopeOf(photoSchema), "Stored; put `url` in basics.image"),
    ...photoUploadErrors,
    ...errorResponses,
  },
});

const deleteRoute = createRoute({
  ...common,
  method: "delete",
  path: "/{id}/photo",
  summary: "Delete the resume's uploaded photo (a repeat answers removed: false)",
  request: { params: resumeIdParam },
  responses: { 200: jsonResponse(envelopeOf(photoRemovedSchema), "Removed"), ...errorResponses },
});

export const resumePhotoRoutes = createRouter()
  .openapi(uploadRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const slot = await resumePhotoSlot(c.env, userId, c.req.valid("param").id);
    await limitRequest(c, "photoUpload", userId);
    const stored = await uploadPhoto(c.env, slot, await readUpload(c), c.get("now"));
    return ok(c, toPhotoBody(stored), 201);
  })
  .openapi(deleteRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const slot = await resumePhotoSlot(c.env, userId, c.req.valid("param").id);
    return ok(c, { removed: await removePhotos(c.env, slot) }, 200);
  });
