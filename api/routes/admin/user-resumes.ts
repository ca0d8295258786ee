import { createRoute, z } from "@hono/zod-openapi";
import { resumeSchema } from "../../../core/contract/resumes";
import { withPublishablePhoto } from "../../../server/media/photos";
import { recordAudit } from "../../../server/ops/audit";
import { getResume } from "../../../server/resumes/resumes";
import { ok } from "../../lib/envelope";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../../lib/schemas";
import { toResumeBody } from "../resumes/schemas";
import { guardFor } from "./access";
import { adminUserIdParam } from "./strikes";

/**
 * One account's resume as staff read it (README "Admin: users"): the saved document, which the
 * admin app renders with the same template function as the editor, the public page and the PDF.
 * Read-only: staff change a resume only through moderation. Each reading is audited, because a
 * resume is the account's personal data.
 */

const params = adminUserIdParam.extend({
  resumeId: z
    .string()
    .uuid()
    .openapi({ param: { name: "resumeId", in: "path" } }),
});

const readRoute = createRoute({
  method: "get",
  path: "/{id}/resumes/{resumeId}",
  tags: ["Users"],
  summary: "One of the account's resumes, bin included, to read (audited)",
  description:
    "A photo is included only once moderation let it go live, as on the public page. 404 when the resume is not this account's.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/users/{id}/resumes/{resumeId}"),
  request: { params },
  responses: {
    200: jsonResponse(envelopeOf(resumeSchema), "The resume"),
    ...errorResponses,
  },
});

export const adminUserResumeRoutes = createRouter().openapi(readRoute, async (c) => {
  const { id: userId, resumeId } = c.req.valid("param");
  const resume = await getResume(c.env, userId, resumeId);
  await recordAudit(c.env, actorOf(c), {
    action: "resume.viewed_by_staff",
    resourceType: "resume",
    resourceId: resumeId,
    details: { user_id: userId, version: resume.version },
  });
  const data = await withPublishablePhoto(c.env, resume.data);
  c.header("Cache-Control", "private, no-store");
  return ok(c, toResumeBody({ ...resume, data }), 200);
});
