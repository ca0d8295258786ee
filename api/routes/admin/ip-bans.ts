import { createRoute, z } from "@hono/zod-openapi";
import { ipBanRequestSchema, ipBanViewSchema } from "../../../core/contract/appeals";
import { addIpBan, liftIpBan, listIpBans, toIpBanView } from "../../../server/moderation/ip-bans";
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
  pageQuerySchema,
} from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * IP bans (README "Bans"): addresses and CIDR ranges from which registration and sign-in are
 * refused (403 `address_banned`). Adding and lifting need `users.write`, a recent second factor
 * and an `Idempotency-Key`; both are audited.
 */

const tags = ["Strikes and bans"];
const banIdParam = z.object({ id: z.string().uuid() });

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "IP bans, those in force first, newest first",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/ip-bans"),
  request: { query: pageQuerySchema },
  responses: { 200: jsonResponse(listEnvelopeOf(ipBanViewSchema), "IP bans"), ...errorResponses },
});

const addRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Ban an address or a CIDR range (at most /16 for IPv4, /32 for IPv6)",
  description:
    "Needs `users.write`, a second factor proven within the step-up window, and an `Idempotency-Key` header. 400 `invalid_range` or `range_too_wide`; 409 `own_address` for a range holding your own address.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/ip-bans"),
  request: jsonBody(ipBanRequestSchema),
  responses: { 201: jsonResponse(envelopeOf(ipBanViewSchema), "Banned"), ...errorResponses },
});

const liftRoute = createRoute({
  method: "post",
  path: "/{id}/lift",
  tags,
  summary: "Lift an IP ban (lifting a lifted ban changes nothing)",
  description:
    "Needs `users.write`, a second factor proven within the step-up window, and an `Idempotency-Key` header.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/ip-bans/{id}/lift"),
  request: { params: banIdParam },
  responses: { 200: jsonResponse(envelopeOf(ipBanViewSchema), "Lifted"), ...errorResponses },
});

export const adminIpBanRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { page, per_page: perPage } = c.req.valid("query");
    const now = c.get("now");
    const { rows, total } = await listIpBans(c.env, { page, perPage }, now);
    return okList(
      c,
      rows.map((row) => toIpBanView(row, now)),
      { page, perPage, total },
    );
  })
  .openapi(addRoute, async (c) => {
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: "ip-ban", request: body },
      async () => {
        const row = await addIpBan(
          c.env,
          {
            range: body.range,
            reason: body.reason,
            note: body.note,
            days: body.days,
            userId: body.user_id,
          },
          actor,
        );
        return { status: 201 as const, data: toIpBanView(row, actor.at) };
      },
    );
    return ok(c, result.data, 201);
  })
  .openapi(liftRoute, async (c) => {
    const { id } = c.req.valid("param");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `ip-ban-lift:${id}`, request: null },
      async () => {
        const row = await liftIpBan(c.env, id, actor);
        return { status: 200 as const, data: toIpBanView(row, actor.at) };
      },
    );
    return ok(c, result.data, 200);
  });
