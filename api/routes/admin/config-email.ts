import { createRoute, z } from "@hono/zod-openapi";
import {
  emailDraftRequestSchema,
  emailKeyParamSchema,
  emailPreviewSchema,
  emailTemplateCatalogSchema,
  emailTestSendSchema,
} from "../../../core/contract/config-email";
import { sendTestEmail } from "../../../server/config/email-test";
import {
  editableOrNotFound,
  emailCatalog,
  renderPreview,
  wordsFor,
} from "../../../server/config/email-texts";
import { ok } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  idempotencyKeyHeader,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * Live configuration's email templates (README "Live configuration"): the editable emails with
 * the code's words, a preview of both parts by the code that sends, and a test send to the
 * admin's own address. Saving and rolling back are the section's (`PUT
 * /api/admin/config/email_templates`), like every other section.
 */

const tags = ["Live configuration"];
const keyParam = z.object({
  key: emailKeyParamSchema.openapi({ param: { name: "key", in: "path" } }),
});

const catalogRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "The editable emails: placeholders, the code's words and the override in force",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/config/email"),
  responses: {
    200: jsonResponse(envelopeOf(emailTemplateCatalogSchema), "The emails"),
    ...errorResponses,
  },
});

const previewRoute = createRoute({
  method: "post",
  path: "/{key}/preview",
  tags,
  summary: "An email's example in the given words (or those in force): subject, text and HTML",
  description:
    "Nothing is stored or sent. 400 `validation_failed` with the zod issues (paths under `text`) for an unknown placeholder.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/config/email/{key}/preview"),
  request: { params: keyParam, ...jsonBody(emailDraftRequestSchema) },
  responses: {
    200: jsonResponse(envelopeOf(emailPreviewSchema), "Both parts"),
    ...errorResponses,
  },
});

const testRoute = createRoute({
  method: "post",
  path: "/{key}/test",
  tags,
  summary: "Send an email's example in the given words to the caller's own address",
  description:
    "Through the one sender (the EMAIL binding, or the outbox locally). Needs an `Idempotency-Key` header; at most 5 per staff member in 10 minutes (429). Audited as `config.email_test_sent`.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/config/email/{key}/test"),
  request: {
    params: keyParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(emailDraftRequestSchema),
  },
  responses: {
    200: jsonResponse(envelopeOf(emailTestSendSchema), "Sent"),
    ...errorResponses,
  },
});

export const adminConfigEmailRoutes = createRouter()
  .openapi(catalogRoute, async (c) => ok(c, await emailCatalog(c.env), 200))
  .openapi(previewRoute, async (c) => {
    const entry = editableOrNotFound(c.req.valid("param").key);
    const texts = await wordsFor(c.env, entry, c.req.valid("json").text);
    return ok(c, renderPreview(entry, texts), 200);
  })
  .openapi(testRoute, async (c) => {
    const { key } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `config-email-test:${key}`, request: body },
      async () => ({
        status: 200 as const,
        data: await sendTestEmail(c.env, actor, key, body.text),
      }),
    );
    return ok(c, result.data, 200);
  });
