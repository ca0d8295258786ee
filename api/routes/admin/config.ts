import { createRoute, z } from "@hono/zod-openapi";
import {
  configHistorySchema,
  configOverviewSchema,
  configRollbackRequestSchema,
  configSectionSchema,
  configSectionViewSchema,
  configUpdateRequestSchema,
} from "../../../core/contract/live-config";
import { rollbackSection, updateSection } from "../../../server/config/changes";
import { configHistory, configOverview, sectionView } from "../../../server/config/views";
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
 * Live configuration (README "Live configuration"): plan limits, rate limits, AI parameters
 * and email templates, changed without a deploy. `system.config` only (super admins), which
 * also wants a recent second factor; every change is a new version with a reason, audited, and
 * in force at once.
 */

const tags = ["Live configuration"];
const sectionParam = z.object({
  section: configSectionSchema.openapi({ param: { name: "section", in: "path" } }),
});

const overviewRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Every section: its current version, value and the code's defaults",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/config"),
  responses: {
    200: jsonResponse(envelopeOf(configOverviewSchema), "The sections"),
    ...errorResponses,
  },
});

const historyRoute = createRoute({
  method: "get",
  path: "/{section}/versions",
  tags,
  summary: "A section's versions, newest first (the last 100)",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/config/{section}/versions"),
  request: { params: sectionParam },
  responses: {
    200: jsonResponse(envelopeOf(configHistorySchema), "The versions"),
    ...errorResponses,
  },
});

const updateRoute = createRoute({
  method: "put",
  path: "/{section}",
  tags,
  summary: "Write a section's next version (the whole value, and why)",
  description:
    "Needs `system.config`, a second factor proven within the step-up window, and an `Idempotency-Key` header. 400 `validation_failed` with the zod issues (paths under `value`) when the value does not fit the section. Audited as `config.updated`.",
  security: bearerSecurity,
  middleware: guardFor("PUT /api/admin/config/{section}"),
  request: {
    params: sectionParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(configUpdateRequestSchema),
  },
  responses: {
    200: jsonResponse(envelopeOf(configSectionViewSchema), "The section now"),
    ...errorResponses,
  },
});

const rollbackRoute = createRoute({
  method: "post",
  path: "/{section}/rollback",
  tags,
  summary: "Write a new version carrying an earlier version's value",
  description:
    "Needs `system.config`, a second factor proven within the step-up window, and an `Idempotency-Key` header. 404 when the section has no such version. Audited as `config.rolled_back`.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/config/{section}/rollback"),
  request: {
    params: sectionParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(configRollbackRequestSchema),
  },
  responses: {
    200: jsonResponse(envelopeOf(configSectionViewSchema), "The section now"),
    ...errorResponses,
  },
});

export const adminConfigRoutes = createRouter()
  .openapi(overviewRoute, async (c) => ok(c, await configOverview(c.env), 200))
  .openapi(historyRoute, async (c) => {
    const { section } = c.req.valid("param");
    return ok(c, await configHistory(c.env, section), 200);
  })
  .openapi(updateRoute, async (c) => {
    const { section } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `config-update:${section}`, request: body },
      async () => {
        await updateSection(c.env, actor, section, body);
        return { status: 200 as const, data: await sectionView(c.env, section) };
      },
    );
    return ok(c, result.data, 200);
  })
  .openapi(rollbackRoute, async (c) => {
    const { section } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `config-rollback:${section}`, request: body },
      async () => {
        await rollbackSection(c.env, actor, section, body);
        return { status: 200 as const, data: await sectionView(c.env, section) };
      },
    );
    return ok(c, result.data, 200);
  });
