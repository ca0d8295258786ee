import { createRoute, z } from "@hono/zod-openapi";
import {
  threatEntryRequestSchema,
  threatEntryViewSchema,
  threatListQuerySchema,
} from "../../../core/contract/security-intel";
import {
  addThreatEntry,
  listThreatEntries,
  removeThreatEntry,
  toThreatEntryView,
} from "../../../server/security/threat-intel";
import { ok, okList } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
} from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * Threat intelligence (README "Threat intelligence"): the catalogue of listed addresses,
 * networks, email hashes, devices and ASNs. Adding and removing need `users.write`, a recent
 * second factor and an `Idempotency-Key`; both are audited.
 */

const tags = ["Threat intelligence"];

const removeSchema = z
  .object({ key: z.string().trim().min(3).max(300) })
  .strict()
  .meta({ id: "ThreatEntryRemoval" });

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Threat-intelligence entries, newest first, searchable by value",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/threats"),
  request: { query: threatListQuerySchema },
  responses: {
    200: jsonResponse(listEnvelopeOf(threatEntryViewSchema), "Entries"),
    ...errorResponses,
  },
});

const addRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "List a value (or update its listing)",
  description:
    "Needs `users.write`, a second factor proven within the step-up window, and an `Idempotency-Key` header. `high` answers every matching request 403 `threat_blocked`.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/threats"),
  request: jsonBody(threatEntryRequestSchema),
  responses: { 201: jsonResponse(envelopeOf(threatEntryViewSchema), "Listed"), ...errorResponses },
});

const removeRoute = createRoute({
  method: "post",
  path: "/remove",
  tags,
  summary: "Unlist a key (`kind:value`)",
  description:
    "Needs `users.write`, a second factor proven within the step-up window, and an `Idempotency-Key` header. 404 for a key not listed.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/threats/remove"),
  request: jsonBody(removeSchema),
  responses: {
    200: jsonResponse(envelopeOf(z.object({ key: z.string() })), "Removed"),
    ...errorResponses,
  },
});

export const adminThreatRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage, q, kind, severity } = c.req.valid("query");
    const now = c.get("now");
    const { rows, total } = await listThreatEntries(c.env, { q, kind, severity, page, perPage });
    return okList(
      c,
      rows.map((row) => toThreatEntryView(row, now)),
      { page, perPage, total },
    );
  })
  .openapi(addRoute, async (c) => {
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: "threat-add", request: body },
      async () => {
        const row = await addThreatEntry(c.env, body, actor);
        return { status: 201 as const, data: toThreatEntryView(row, actor.at) };
      },
    );
    return ok(c, result.data, 201);
  })
  .openapi(removeRoute, async (c) => {
    const { key } = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: "threat-remove", request: { key } },
      async () => {
        await removeThreatEntry(c.env, key, actor);
        return { status: 200 as const, data: { key } };
      },
    );
    return ok(c, result.data, 200);
  });
