import { createRoute } from "@hono/zod-openapi";
import {
  staffTicketMessageSchema,
  ticketDetailSchema,
  ticketIdParamSchema,
  ticketMessageRequestSchema,
  ticketQueueItemSchema,
  ticketQueueQuerySchema,
  ticketSchema,
  ticketStatusRequestSchema,
} from "../../../core/contract/support";
import { errorFields } from "../../../server/logger";
import { recordAudit } from "../../../server/ops/audit";
import { notifyUserOfReply } from "../../../server/support/notify";
import {
  addStaffReply,
  listQueue,
  setTicketStatus,
  ticketFile,
} from "../../../server/support/queue";
import { findTicket } from "../../../server/support/tickets";
import { ok, okList } from "../../lib/envelope";
import { withOptionalIdempotency } from "../../lib/idempotency";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../../lib/schemas";
import { presentQueueItem, presentTicket, presentTicketFile } from "../../lib/support-views";
import { guardFor } from "./access";

/**
 * Support's ticket queue (README "Support"): open tickets by how long the user has waited
 * (the SLA age), one ticket with its thread, the user and the linked resume, a reply (the user
 * is emailed, the ticket waits on them) and a status change. Both writes are audited. Replying
 * is not a sensitive action (no step-up): it changes nothing on the account.
 */

const tags = ["Support"];

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Tickets: open first, the longest wait first; filter by status, category, text",
  description: "`q` matches part of the subject or the user's email, or a ticket id exactly.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/support/tickets"),
  request: { query: pageQuerySchema.extend(ticketQueueQuerySchema.shape) },
  responses: {
    200: jsonResponse(listEnvelopeOf(ticketQueueItemSchema), "Tickets"),
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "One ticket: the thread, who opened it, the resume it is about",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/support/tickets/{id}"),
  request: { params: ticketIdParamSchema },
  responses: { 200: jsonResponse(envelopeOf(ticketDetailSchema), "Ticket"), ...errorResponses },
});

const replyRoute = createRoute({
  method: "post",
  path: "/{id}/messages",
  tags,
  summary: "Answer: the user is emailed and the ticket becomes pending",
  description:
    "Sends `Idempotency-Key` to make a retry answer the first reply instead of adding a second.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/support/tickets/{id}/messages"),
  request: { params: ticketIdParamSchema, ...jsonBody(ticketMessageRequestSchema) },
  responses: {
    201: jsonResponse(envelopeOf(staffTicketMessageSchema), "Answered"),
    ...errorResponses,
  },
});

const statusRoute = createRoute({
  method: "post",
  path: "/{id}/status",
  tags,
  summary: "Set the status (open, pending, solved); the same status again changes nothing",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/support/tickets/{id}/status"),
  request: { params: ticketIdParamSchema, ...jsonBody(ticketStatusRequestSchema) },
  responses: { 200: jsonResponse(envelopeOf(ticketSchema), "The ticket"), ...errorResponses },
});

export const adminSupportRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, ...filters } = c.req.valid("query");
    const { items, total } = await listQueue(c.env, { ...filters, page, perPage });
    const now = c.get("now");
    return okList(
      c,
      items.map((item) => presentQueueItem(item, now)),
      { page, perPage, total },
    );
  })
  .openapi(getRoute, async (c) =>
    ok(c, presentTicketFile(await ticketFile(c.env, c.req.valid("param").id), c.get("now")), 200),
  )
  .openapi(replyRoute, async (c) => {
    const ticketId = c.req.valid("param").id;
    const { body } = c.req.valid("json");
    const actor = actorOf(c);
    const principal = c.get("principal");
    const staffId = principal?.kind === "user" ? principal.userId : actor.id;
    const result = await withOptionalIdempotency(
      c,
      { userId: actor.id, action: `support-reply:${ticketId}`, request: body },
      async () => {
        const { before, message } = await addStaffReply(
          c.env,
          { ticketId, staffId, body },
          actor.at,
        );
        await recordAudit(c.env, actor, {
          action: "support_ticket.replied",
          resourceType: "support_ticket",
          resourceId: ticketId,
          details: {
            message_id: message.id,
            user_id: before.userId,
            before: { status: before.status },
            after: { status: "pending" },
          },
        });
        const file = await ticketFile(c.env, ticketId);
        // The reply is saved and audited; a failed email is logged, not the request's failure
        // (the outbox row keeps the attempt, and the user sees the answer in the app).
        await notifyUserOfReply(
          c.env,
          { user: file.user, ticket: before, message },
          actor.at,
        ).catch((error) => c.get("logger").error("support reply email failed", errorFields(error)));
        const mine = file.messages.find((entry) => entry.message.id === message.id);
        return {
          status: 201 as const,
          data: {
            id: message.id,
            author_kind: message.authorKind,
            body: message.body,
            created_at: new Date(message.createdAt).toISOString(),
            author_id: message.authorId,
            author_email: mine?.authorEmail ?? null,
          },
        };
      },
    );
    return ok(c, result.data, 201);
  })
  .openapi(statusRoute, async (c) => {
    const ticketId = c.req.valid("param").id;
    const { status } = c.req.valid("json");
    const actor = actorOf(c);
    const { before, changed } = await setTicketStatus(c.env, { ticketId, status }, actor.at);
    const ticket = await findTicket(c.env, ticketId);
    if (changed) {
      await recordAudit(c.env, actor, {
        action: "support_ticket.status_changed",
        resourceType: "support_ticket",
        resourceId: ticketId,
        details: { user_id: ticket.userId, before: { status: before }, after: { status } },
      });
    }
    return ok(c, presentTicket(ticket), 200);
  });
