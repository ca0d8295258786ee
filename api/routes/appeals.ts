import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  appealLinkRequestSchema,
  appealLinkStandingRequestSchema,
  appealRequestSchema,
  appealViewSchema,
  linkedAppealRequestSchema,
  ownStandingSchema,
} from "../../core/contract/appeals";
import { sanctionMessage } from "../../core/moderation/sanctions";
import { errorFields } from "../../server/logger";
import { appealLinkAccount, sendAppealLink } from "../../server/moderation/appeal-links";
import { fileAppeal } from "../../server/moderation/appeals";
import { ownStanding } from "../../server/moderation/own-standing";
import { isActiveSanction } from "../../server/moderation/standing";
import { strikeStatus } from "../../server/moderation/strikes";
import { overLimit } from "../../server/ops/rate-limits";
import type { AppEnv } from "../app-env";
import { ok } from "../lib/envelope";
import { isoOrNull } from "../lib/iso-time";
import { presentAppeal } from "../lib/moderation-views";
import { countRequest, limitRequest } from "../lib/rate-limit";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonBody, jsonResponse } from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

/**
 * Appeals from the account owner (README "Appeals"): signed in from the account page, or signed
 * out through the link emailed to a suspended or banned account. Both file through the same
 * service; the link's token stands in for the session and only reaches its own account.
 */

const tags = ["Appeals"];

const standingRoute = createRoute({
  method: "get",
  path: "/account/standing",
  tags,
  summary: "Your strikes, suspensions and bans, and what you may still appeal",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: { 200: jsonResponse(envelopeOf(ownStandingSchema), "Standing"), ...errorResponses },
});

const appealResponses = {
  200: jsonResponse(envelopeOf(appealViewSchema), "Filed before (the same appeal)"),
  201: jsonResponse(envelopeOf(appealViewSchema), "Filed (and perhaps accepted by auto-review)"),
  ...errorResponses,
};
const appealDescription =
  "One appeal per decision, within 30 days of it. 409 `appeal_exists` for a second one, 422 `appeal_window_closed` after 30 days, 422 `nothing_to_appeal` once the decision has no effect.";

const appealRoute = createRoute({
  method: "post",
  path: "/account/appeals",
  tags,
  summary: "Appeal one of your strikes, or a suspension or ban",
  description: appealDescription,
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: jsonBody(appealRequestSchema),
  responses: appealResponses,
});

const linkRoute = createRoute({
  method: "post",
  path: "/auth/appeal-link",
  tags,
  summary: "Email a suspended or banned account a link to appeal (always 202)",
  request: jsonBody(appealLinkRequestSchema),
  responses: {
    202: jsonResponse(envelopeOf(z.object({ sent: z.literal(true) })), "Accepted"),
    ...errorResponses,
  },
});

const linkStandingRoute = createRoute({
  method: "post",
  path: "/appeal-link/standing",
  tags,
  summary: "The standing of the account an emailed appeal link belongs to",
  description: "401 `invalid_appeal_link` when the token is unknown or expired.",
  request: jsonBody(appealLinkStandingRequestSchema),
  responses: { 200: jsonResponse(envelopeOf(ownStandingSchema), "Standing"), ...errorResponses },
});

const linkAppealRoute = createRoute({
  method: "post",
  path: "/appeal-link/appeals",
  tags,
  summary: "Appeal through an emailed appeal link, signed out",
  description: `${appealDescription} 401 \`invalid_appeal_link\` when the token is unknown or expired.`,
  request: jsonBody(linkedAppealRequestSchema),
  responses: appealResponses,
});

async function standingOf(c: Context<AppEnv>, userId: string) {
  const now = c.get("now");
  const standing = await ownStanding(c.env, userId, now);
  return {
    status: standing.status,
    active_strikes: standing.strikes.filter(({ row }) => strikeStatus(row) === "active").length,
    strikes: standing.strikes.map(({ row, appeal, appealableUntil }) => ({
      id: row.id,
      category: row.category,
      reason: row.reason,
      status: strikeStatus(row),
      created_at: new Date(row.createdAt).toISOString(),
      appealable_until: isoOrNull(appealableUntil),
      appeal: appeal && presentAppeal(appeal),
    })),
    sanctions: standing.sanctions.map(({ row, appeal, appealableUntil }) => ({
      id: row.id,
      kind: row.kind,
      reason: row.reason,
      message: sanctionMessage(row),
      starts_at: new Date(row.startsAt).toISOString(),
      ends_at: isoOrNull(row.endsAt),
      active: isActiveSanction(row, now),
      appealable_until: isoOrNull(appealableUntil),
      appeal: appeal && presentAppeal(appeal),
    })),
  };
}

async function file(
  c: Context<AppEnv>,
  userId: string,
  body: z.output<typeof appealRequestSchema>,
  channel: "account" | "email_link",
) {
  const now = c.get("now");
  const appeal = await fileAppeal(
    c.env,
    {
      userId,
      subjectKind: body.subject_kind,
      subjectId: body.subject_id,
      message: body.message,
      channel,
    },
    now,
  );
  return ok(c, presentAppeal(appeal), appeal.createdAt === now ? 201 : 200);
}

export const appealRoutes = createRouter()
  .openapi(standingRoute, async (c) =>
    ok(c, await standingOf(c, userPrincipal(c.get("principal")).userId), 200),
  )
  .openapi(appealRoute, async (c) =>
    file(c, userPrincipal(c.get("principal")).userId, c.req.valid("json"), "account"),
  )
  .openapi(linkRoute, async (c) => {
    const { email } = c.req.valid("json");
    const [byIp, byEmail] = await Promise.all([
      countRequest(c, "appealLinkPerAddress"),
      countRequest(c, "appealLinkPerEmail", email),
    ]);
    if (!byIp.allowed) throw overLimit("appealLinkPerAddress", byIp.retryAfterSeconds);
    // Off the response path: the answer is as fast for an account that cannot appeal.
    const work = (async () => {
      if (byEmail.allowed) await sendAppealLink(c.env, email, c.get("now"));
    })().catch((error) => c.get("logger").error("appeal link failed", errorFields(error)));
    c.executionCtx.waitUntil(work);
    return ok(c, { sent: true as const }, 202);
  })
  .openapi(linkStandingRoute, async (c) => {
    await limitRequest(c, "appealLinkUse");
    const userId = await appealLinkAccount(c.env, c.req.valid("json").token, c.get("now"));
    return ok(c, await standingOf(c, userId), 200);
  })
  .openapi(linkAppealRoute, async (c) => {
    await limitRequest(c, "appealLinkUse");
    const { token, ...body } = c.req.valid("json");
    const userId = await appealLinkAccount(c.env, token, c.get("now"));
    return file(c, userId, body, "email_link");
  });
