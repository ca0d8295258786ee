import { createRoute } from "@hono/zod-openapi";
import {
  accountDeletionRequestSchema,
  accountDeletionSchema,
  accountDeletionStatusSchema,
} from "../../core/gdpr/account-deletion";
import { findUserById } from "../../server/auth/accounts";
import { unauthorized } from "../../server/errors";
import {
  cancelAccountDeletion,
  pendingDeletion,
  requestAccountDeletion,
  toDeletionView,
} from "../../server/gdpr/delete-requests";
import { clearSessionCookies } from "../lib/auth-cookies";
import { ok } from "../lib/envelope";
import { actorOf } from "../lib/request";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";
import { assertFreshProof, requireUser, userPrincipal } from "../middleware/principal";

/**
 * "Delete my account" (README "Your data"): schedule it (password, plus the second factor when
 * one is enrolled, through the step-up), see it, and cancel it during the 14-day grace.
 */

const tags = ["Your data"];
const deletionResponse = jsonResponse(envelopeOf(accountDeletionSchema), "The deletion");

const statusRoute = createRoute({
  method: "get",
  path: "/account/deletion",
  tags,
  summary: "Your account's pending deletion (null when none is scheduled)",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(accountDeletionStatusSchema), "Status"),
    ...errorResponses,
  },
});

const requestRoute = createRoute({
  method: "post",
  path: "/account/deletion",
  tags,
  summary: "Delete my account: signs you out everywhere and deletes everything after 14 days",
  description:
    "The password is required when the account has one (a wrong one is 401 `invalid_credentials` and draws on the account's proof budget). With a second factor enrolled, or without a password, a fresh step-up is needed first (403 `step_up_required`). Sessions end at once and share pages go offline; signing in during the grace shows the deletion with a way to cancel it. Asking again while one is pending answers that one.",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: accountDeletionRequestSchema } },
    },
  },
  responses: { 202: deletionResponse, ...errorResponses },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/account/deletion/cancel",
  tags,
  summary: "Cancel the scheduled deletion of your account (for good)",
  description: "404 when none is scheduled; 409 once the deletion has started.",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: { 200: deletionResponse, ...errorResponses },
});

export const accountDeletionRoutes = createRouter()
  .openapi(statusRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    const row = await pendingDeletion(c.env, userId);
    return ok(c, { deletion: row ? toDeletionView(row) : null }, 200);
  })
  .openapi(requestRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const user = await findUserById(c.env, principal.userId);
    if (!user) throw unauthorized();
    // Without a password to confirm with, the step-up is the confirmation.
    if (user.mfaEnabled || user.passwordHash === null) {
      await assertFreshProof(c.env, principal, user.mfaEnabled);
    }
    const deletion = await requestAccountDeletion(
      c.env,
      actorOf(c),
      principal.userId,
      c.req.valid("json"),
      c.get("now"),
    );
    // every session ended, this browser's too
    clearSessionCookies(c);
    return ok(c, deletion, 202);
  })
  .openapi(cancelRoute, async (c) => {
    const { userId } = userPrincipal(c.get("principal"));
    return ok(c, await cancelAccountDeletion(c.env, actorOf(c), userId, c.get("now")), 200);
  });
