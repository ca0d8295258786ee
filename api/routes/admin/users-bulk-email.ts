import { createRoute } from "@hono/zod-openapi";
import {
  type BulkSelection,
  bulkEmailAcceptedSchema,
  bulkEmailRequestSchema,
} from "../../../core/contract/admin-bulk";
import { sha256Hex } from "../../../core/security/crypto";
import { requestBulkEmail } from "../../../server/admin-users/bulk-email";
import { describeSelection } from "../../../server/admin-users/bulk-selection";
import { recordAudit } from "../../../server/ops/audit";
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
 * Staff emailing many accounts (README "Admin: users", bulk email): the request is stored and
 * handed to a BulkEmailWorkflow, which queues one copy per account on the email queue in
 * batches of 100; its job reports the progress and the counts.
 */

const emailRoute = createRoute({
  method: "post",
  path: "/bulk/email",
  tags: ["Users"],
  summary: "Email the selected accounts (ticked ids or a filter) through the email queue",
  description:
    "Needs `users.write`, a second factor proven within the step-up window, and an `Idempotency-Key` header. Answers 202 with the job (`GET /api/jobs/{id}`): its step reads “sending 3,200 of 10,000” and, once every copy is sent or failed, its result is `{sent, failed, skipped}` (deleted accounts and unknown ids are skipped). Audited as `users.bulk_email_requested`.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/users/bulk/email"),
  request: { headers: idempotencyKeyHeader, ...jsonBody(bulkEmailRequestSchema) },
  responses: {
    202: jsonResponse(envelopeOf(bulkEmailAcceptedSchema), "Accepted: the job that sends it"),
    ...errorResponses,
  },
});

/** The audit's view of a selection: how many ids were ticked (not the ids), or the filter. */
const auditedSelection = (selection: BulkSelection) =>
  "ids" in selection ? { ids_count: selection.ids.length } : describeSelection(selection);

export const adminUserBulkEmailRoutes = createRouter().openapi(emailRoute, async (c) => {
  const body = c.req.valid("json");
  const actor = actorOf(c);
  const result = await withIdempotency(
    c,
    { userId: actor.id, action: "bulk-email", request: body },
    async (key) => {
      // The job's id comes from the key: a retry that outran the kept answer reaches the same
      // job and workflow run instead of emailing everyone again.
      const jobId = `bulk-email-${(await sha256Hex(key)).slice(0, 32)}`;
      await requestBulkEmail(c.env, {
        jobId,
        actorId: actor.id,
        selection: body.selection,
        template: body.template,
        subject: body.subject,
        message: body.message,
        now: actor.at,
      });
      await recordAudit(c.env, actor, {
        action: "users.bulk_email_requested",
        resourceType: "bulk_email",
        resourceId: jobId,
        details: {
          template: body.template,
          subject: body.subject,
          selection: auditedSelection(body.selection),
          job_id: jobId,
        },
      });
      return { status: 202 as const, data: { job_id: jobId } };
    },
  );
  return ok(c, result.data, 202);
});
