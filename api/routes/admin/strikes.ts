import { createRoute, z } from "@hono/zod-openapi";
import {
  manualStrikeRequestSchema,
  strikeThresholdsRequestSchema,
  strikeThresholdsViewSchema,
  strikeViewSchema,
  userStrikesSchema,
} from "../../../core/contract/strikes";
import { STRIKE_EXPIRY_DAYS, strikesExpireAt } from "../../../core/moderation/strikes";
import { stableId } from "../../../core/security/crypto";
import { notFound } from "../../../server/errors";
import { escalateStrike } from "../../../server/moderation/escalation";
import {
  recordManualStrike,
  saveStrikeThresholds,
  strikeStatus,
  strikesOf,
  strikeThresholdSettings,
} from "../../../server/moderation/strikes";
import { recordAudit } from "../../../server/ops/audit";
import { ok } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { isoOrNull } from "../../lib/iso-time";
import { presentStrike } from "../../lib/moderation-views";
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
 * Strikes (README "Content moderation: strikes"): the thresholds (live configuration's
 * `moderation` section, README "Live configuration"), which only super admins change
 * (`system.config`, the configuration permission no other role has, with a recent second
 * factor), and an account's strikes, which moderators read and add to.
 */

const tags = ["Content moderation"];

const getThresholdsRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "The strike thresholds: how many active strikes suspend (and for how long) or ban",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/moderation/strike-thresholds"),
  responses: {
    200: jsonResponse(envelopeOf(strikeThresholdsViewSchema), "The thresholds in force"),
    ...errorResponses,
  },
});

const putThresholdsRoute = createRoute({
  method: "put",
  path: "/",
  tags,
  summary:
    "Replace the strike thresholds (super admins): a new version of the `moderation` config section",
  security: bearerSecurity,
  description:
    "Needs an `Idempotency-Key` header. 400 `validation_failed` with the zod issues. Audited as `config.updated` (section `moderation`).",
  middleware: guardFor("PUT /api/admin/moderation/strike-thresholds"),
  request: { headers: idempotencyKeyHeader, ...jsonBody(strikeThresholdsRequestSchema) },
  responses: {
    200: jsonResponse(envelopeOf(strikeThresholdsViewSchema), "The thresholds as saved"),
    ...errorResponses,
  },
});

export const adminUserIdParam = z.object({
  id: z
    .string()
    .regex(/^[\w-]{1,64}$/, "A user id")
    .openapi({
      param: { name: "id", in: "path" },
      example: "0b6f7e52-3f0e-4d8a-9c55-1f0e2a3b4c5d",
    }),
});

const listStrikesRoute = createRoute({
  method: "get",
  path: "/{id}/strikes",
  tags,
  summary: "An account's strikes, newest first, each active, expired or revoked",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/users/{id}/strikes"),
  request: { params: adminUserIdParam },
  responses: {
    200: jsonResponse(envelopeOf(userStrikesSchema), "The strikes"),
    ...errorResponses,
  },
});

const addStrikeRoute = createRoute({
  method: "post",
  path: "/{id}/strikes",
  tags,
  summary: "Give an account a strike by hand, with a reason (send an Idempotency-Key)",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/users/{id}/strikes"),
  request: {
    params: adminUserIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(manualStrikeRequestSchema),
  },
  responses: {
    200: jsonResponse(envelopeOf(strikeViewSchema), "Recorded before (the same request)"),
    201: jsonResponse(envelopeOf(strikeViewSchema), "The strike"),
    ...errorResponses,
  },
});

async function thresholdsView(env: Parameters<typeof strikeThresholdSettings>[0]) {
  const settings = await strikeThresholdSettings(env);
  return {
    thresholds: settings.thresholds,
    version: settings.version,
    updated_at: isoOrNull(settings.updatedAt),
    updated_by: settings.updatedBy,
    expiry_days: STRIKE_EXPIRY_DAYS,
  };
}

export const adminStrikeThresholdRoutes = createRouter();
adminStrikeThresholdRoutes
  .openapi(getThresholdsRoute, async (c) => ok(c, await thresholdsView(c.env), 200))
  .openapi(putThresholdsRoute, async (c) => {
    const body = c.req.valid("json");
    const actor = actorOf(c);
    // A version of live configuration's `moderation` section (README "Live configuration"),
    // audited as `config.updated`; the key keeps a retry from writing a second version.
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: "strike-thresholds", request: body },
      async () => {
        await saveStrikeThresholds(c.env, actor, body.thresholds, body.reason);
        return { status: 200 as const, data: await thresholdsView(c.env) };
      },
    );
    return ok(c, result.data, 200);
  });

export const adminUserStrikeRoutes = createRouter();
adminUserStrikeRoutes
  .openapi(listStrikesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const rows = await strikesOf(c.env, id);
    const active = rows.filter((row) => strikeStatus(row) === "active");
    // They all expire together, 90 days after the newest violation not revoked on appeal.
    const lastViolation = rows.find((row) => row.revokedAt === null)?.createdAt ?? null;
    return ok(
      c,
      {
        user_id: id,
        active: active.length,
        active_expire_at:
          active.length && lastViolation !== null
            ? isoOrNull(strikesExpireAt(lastViolation))
            : null,
        strikes: rows.map(presentStrike),
      },
      200,
    );
  })
  .openapi(addStrikeRoute, async (c) => {
    const { id: userId } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `strike:${userId}`, request: body },
      async (key) => {
        // The strike's id comes from the key, so a retry that outran the kept answer (or came
        // after it was lost) still lands on the same row.
        const strikeId = await stableId("sk_", key);
        const recorded = await recordManualStrike(
          c.env,
          { id: strikeId, userId, category: body.category, reason: body.reason, actor: actor.id },
          actor.at,
        );
        if (!recorded) throw notFound("User");
        await escalateStrike(c.env, recorded.strike, actor.id, actor.at);
        if (recorded.created) {
          await recordAudit(c.env, actor, {
            action: "moderation.strike_added",
            resourceType: "user",
            resourceId: userId,
            details: {
              strike_id: recorded.strike.id,
              category: body.category,
              severity: recorded.strike.severity,
              reason: body.reason,
            },
          });
        }
        return { status: recorded.created ? 201 : 200, data: presentStrike(recorded.strike) };
      },
    );
    return result.status === 201 ? ok(c, result.data, 201) : ok(c, result.data, 200);
  });
