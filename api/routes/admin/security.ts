import { createRoute } from "@hono/zod-openapi";
import { ipAllowlistRequestSchema, ipAllowlistSchema } from "../../../core/contract/admin-security";
import {
  readAllowlist,
  replaceAllowlist,
  toAllowlistView,
} from "../../../server/ops/admin-allowlist";
import { ok } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { guardFor } from "./access";

/**
 * The admin's own security settings (README "The admin's own security"): the super admins'
 * IP allowlist. Reading and replacing it are configuration (`system.config`, super admins
 * only); replacing it also needs a recent second factor and an `Idempotency-Key`, and is audited
 * with the list before and after.
 */

const tags = ["Admin security"];

const readRoute = createRoute({
  method: "get",
  path: "/ip-allowlist",
  tags,
  summary: "The addresses super admins may sign in and use the admin API from",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/security/ip-allowlist"),
  responses: {
    200: jsonResponse(envelopeOf(ipAllowlistSchema), "The allowlist"),
    ...errorResponses,
  },
});

const replaceRoute = createRoute({
  method: "put",
  path: "/ip-allowlist",
  tags,
  summary: "Replace the super admins' IP allowlist (an empty list allows every address)",
  description:
    "Needs `system.config`, a second factor proven within the step-up window, and an `Idempotency-Key` header. 400 `invalid_range` or `range_too_wide` names the entry; 409 `own_address_excluded` when the list would shut out the super admin sending it.",
  security: bearerSecurity,
  middleware: guardFor("PUT /api/admin/security/ip-allowlist"),
  request: jsonBody(ipAllowlistRequestSchema),
  responses: { 200: jsonResponse(envelopeOf(ipAllowlistSchema), "Replaced"), ...errorResponses },
});

export const adminSecurityRoutes = createRouter()
  .openapi(readRoute, async (c) => {
    const actor = actorOf(c);
    return ok(c, toAllowlistView(await readAllowlist(c.env), actor.ip), 200);
  })
  .openapi(replaceRoute, async (c) => {
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: "admin-ip-allowlist", request: body },
      async () => {
        const stored = await replaceAllowlist(c.env, body.ranges, actor);
        return { status: 200 as const, data: toAllowlistView(stored, actor.ip) };
      },
    );
    return ok(c, result.data, 200);
  });
