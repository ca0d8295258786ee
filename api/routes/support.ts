import { createRoute } from "@hono/zod-openapi";
import {
  ticketCreateRequestSchema,
  ticketIdParamSchema,
  ticketMessageRequestSchema,
  ticketSchema,
  ticketThreadSchema,
} from "../../core/contract/support";
import {
  addUserMessage,
  listOwnTickets,
  openTicket,
  ownTicketThread,
} from "../../server/support/tickets";
import { ok, okList } from "../lib/envelope";
import { withOptionalIdempotency } from "../lib/idempotency";
import { limitRequest } from "../lib/rate-limit";
import { createRouter } from "../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../lib/schemas";
import { presentThread, presentTicket } from "../lib/support-views";
import { requireUser, userPrincipal } from "../middleware/principal";

/**
 * Support tickets from the account owner (README "Support"): open one, read the thread, write
 * again. Another person's ticket, or a resume that is not yours, is a 404. An `Idempotency-Key`
 * on a post makes a retry return the first answer instead of writing twice.
 */

const tags = ["Support"];

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Your support tickets, newest first",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { query: pageQuerySchema },
  responses: { 200: jsonResponse(listEnvelopeOf(ticketSchema), "Tickets"), ...errorResponses },
});

const openRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Open a ticket with its first message",
  description:
    "`resume_id` must be one of your resumes (else 404). At most 5 new tickets an hour (429 `rate_limited`).",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: jsonBody(ticketCreateRequestSchema),
  responses: {
    201: jsonResponse(envelopeOf(ticketThreadSchema), "Opened"),
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "One of your tickets with its thread, oldest message first",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: ticketIdParamSchema },
  responses: { 200: jsonResponse(envelopeOf(ticketThreadSchema), "Ticket"), ...errorResponses },
});

const messageRoute = createRoute({
  method: "post",
  path: "/{id}/messages",
  tags,
  summary: "Write in your ticket; a pending or solved ticket goes back to support (open)",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: ticketIdParamSchema, ...jsonBody(ticketMessageRequestSchema) },
  responses: {
    201: jsonResponse(envelopeOf(ticketThreadSchema), "Added; the whole thread"),
    ...errorResponses,
  },
});

export const supportRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const { page, per_page: perPage } = c.req.valid("query");
    const { rows, total } = await listOwnTickets(c.env, userId, { page, perPage });
    return okList(c, rows.map(presentTicket), { page, perPage, total });
  })
  .openapi(openRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const body = c.req.valid("json");
    const result = await withOptionalIdempotency(
      c,
      { userId, action: "support-ticket", request: body },
      async () => {
        await limitRequest(c, "supportTicket", userId);
        const record = await openTicket(
          c.env,
          {
            userId,
            subject: body.subject,
            category: body.category,
            message: body.message,
            resumeId: body.resume_id,
          },
          c.get("now"),
        );
        return { status: 201 as const, data: presentThread(record) };
      },
    );
    return ok(c, result.data, 201);
  })
  .openapi(getRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    return ok(c, presentThread(await ownTicketThread(c.env, userId, c.req.valid("param").id)), 200);
  })
  .openapi(messageRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const ticketId = c.req.valid("param").id;
    const { body } = c.req.valid("json");
    const result = await withOptionalIdempotency(
      c,
      { userId, action: `support-message:${ticketId}`, request: body },
      async () => {
        await limitRequest(c, "supportMessage", userId);
        const record = await addUserMessage(c.env, { userId, ticketId, body }, c.get("now"));
        return { status: 201 as const, data: presentThread(record) };
      },
    );
    return ok(c, result.data, 201);
  });
