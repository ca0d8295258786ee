import { createRoute } from "@hono/zod-openapi";
import { banListItemSchema, banListQuerySchema } from "../../../core/contract/appeals";
import { listBans } from "../../../server/moderation/bans-list";
import { okList } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  errorResponses,
  jsonResponse,
  listEnvelopeOf,
  pageQuerySchema,
} from "../../lib/schemas";
import { guardFor } from "./access";

/** Suspensions and bans across every account (README "Bans"), for the admin's bans page. */
const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Strikes and bans"],
  summary: "Suspensions and bans of every account, newest first",
  description:
    "`state`: `active` (default, in force now), `expiring` (a suspension in force ending within 48 hours) or `all`; filter by `kind` and `reason`.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/bans"),
  request: { query: pageQuerySchema.extend(banListQuerySchema.shape) },
  responses: {
    200: jsonResponse(listEnvelopeOf(banListItemSchema), "Suspensions and bans"),
    ...errorResponses,
  },
});

export const adminBanRoutes = createRouter().openapi(listRoute, async (c) => {
  const { page, per_page: perPage, kind, reason, state } = c.req.valid("query");
  const { items, total } = await listBans(
    c.env,
    { kind, reason, state, page, perPage },
    c.get("now"),
  );
  return okList(c, items, { page, perPage, total });
});
