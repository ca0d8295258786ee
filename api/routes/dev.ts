import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { type OutboxEmail, outboxEmailSchema } from "../../core/contract/outbox";
import type { EmailOutboxRow } from "../../db/schema";
import { devToolsEnabled } from "../../server/dev-tools";
import { getOutboxEmail, listOutbox } from "../../server/email";
import { AppError, notFound } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { ok, okList } from "../lib/envelope";
import { createRouter } from "../lib/router";
import {
  envelopeOf,
  errorResponses,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../lib/schemas";

/**
 * Development helpers: the local email outbox, so a person or a test can open the mail the
 * app "sent" (a verification link, an alert). Outside local and test every path here
 * answers exactly like a route that does not exist.
 */
const devOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!devToolsEnabled(c.env)) {
    const path = new URL(c.req.url).pathname;
    throw new AppError(404, "not_found", `No API route matches ${c.req.method} ${path}`);
  }
  await next();
});

const toView = (row: EmailOutboxRow): OutboxEmail => ({
  id: row.id,
  to: row.toAddress,
  subject: row.subject,
  template: row.template,
  text: row.textBody,
  html: row.htmlBody,
  status: row.status,
  transport: row.transport,
  error: row.error,
  created_at: new Date(row.createdAt).toISOString(),
  sent_at: row.sentAt === null ? null : new Date(row.sentAt).toISOString(),
});

const listRoute = createRoute({
  method: "get",
  path: "/outbox",
  tags: ["Development"],
  summary: "Emails stored by the local outbox, newest first (local and test only; 404 elsewhere)",
  request: {
    query: pageQuerySchema.extend({
      to: z.string().trim().max(254).optional().openapi({ example: "ada@example.com" }),
    }),
  },
  responses: {
    200: jsonResponse(listEnvelopeOf(outboxEmailSchema), "Emails"),
    ...errorResponses,
  },
});

const detailRoute = createRoute({
  method: "get",
  path: "/outbox/{id}",
  tags: ["Development"],
  summary: "One stored email with its text and HTML parts (local and test only)",
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .regex(/^[A-Za-z0-9_-]+$/),
    }),
  },
  responses: { 200: jsonResponse(envelopeOf(outboxEmailSchema), "The email"), ...errorResponses },
});

export const devRoutes = createRouter();
devRoutes.use("/*", devOnly);
devRoutes
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, to } = c.req.valid("query");
    const { rows, total } = await listOutbox(c.env, { to: to || undefined, page, perPage });
    c.header("Cache-Control", "no-store");
    return okList(c, rows.map(toView), { page, perPage, total });
  })
  .openapi(detailRoute, async (c) => {
    const row = await getOutboxEmail(c.env, c.req.valid("param").id);
    if (!row) throw notFound("Email");
    c.header("Cache-Control", "no-store");
    return ok(c, toView(row), 200);
  });
