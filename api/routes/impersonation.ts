import { createRoute, z } from "@hono/zod-openapi";
import {
  currentImpersonationSchema,
  impersonationStoppedSchema,
  supportAccessSchema,
} from "../../core/contract/impersonation";
import {
  endImpersonation,
  impersonationById,
  impersonationsOf,
} from "../../server/auth/impersonation";
import { ok } from "../lib/envelope";
import { clearImpersonationCookie, readImpersonationCookie } from "../lib/impersonation-cookie";
import { auditImpersonationEnded, presentSupportAccess } from "../lib/impersonation-views";
import { actorOf } from "../lib/request";
import { createRouter } from "../lib/router";
import { bearerSecurity, envelopeOf, errorResponses, jsonResponse } from "../lib/schemas";
import { requireUser, userPrincipal } from "../middleware/principal";

/**
 * Read-only impersonation, the user app's side (README "Impersonation"): what the banner shows,
 * its Stop button, and the account owner's record of every time support looked.
 */

const tags = ["Impersonation"];

const currentRoute = createRoute({
  method: "get",
  path: "/current",
  tags,
  summary: "The impersonation this request runs under, if any (the user app's banner)",
  responses: {
    200: jsonResponse(envelopeOf(currentImpersonationSchema), "Active or not"),
    ...errorResponses,
  },
});

const stopRoute = createRoute({
  method: "post",
  path: "/stop",
  tags,
  summary:
    "Stop viewing the account (the banner's Stop): the one write allowed while impersonating",
  description:
    "Ends the impersonation this browser holds and forgets its cookie; the staff member's own session is untouched. Answers `stopped: false` when there was nothing live to stop.",
  responses: {
    200: jsonResponse(envelopeOf(impersonationStoppedSchema), "Stopped"),
    ...errorResponses,
  },
});

const historyRoute = createRoute({
  method: "get",
  path: "/history",
  tags,
  summary: "Times support viewed your account (read-only), newest first",
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(envelopeOf(z.array(supportAccessSchema)), "Support access"),
    ...errorResponses,
  },
});

const HISTORY_LIMIT = 50;

export const impersonationRoutes = createRouter()
  .openapi(currentRoute, (c) => {
    const principal = c.get("principal");
    const impersonation = principal?.kind === "user" ? principal.impersonation : undefined;
    if (principal?.kind !== "user" || !impersonation) {
      return ok(c, { active: false, id: null, user_email: null, expires_at: null }, 200);
    }
    return ok(
      c,
      {
        active: true,
        id: impersonation.id,
        user_email: principal.email,
        expires_at: new Date(impersonation.expiresAt).toISOString(),
      },
      200,
    );
  })
  .openapi(stopRoute, async (c) => {
    const principal = c.get("principal");
    const impersonation = principal?.kind === "user" ? principal.impersonation : undefined;
    const hadCookie = readImpersonationCookie(c) !== undefined;
    if (hadCookie) clearImpersonationCookie(c);
    if (!impersonation) return ok(c, { stopped: false }, 200);
    // the staff member did this, not the account's owner the request speaks as
    const actor = { ...actorOf(c), id: impersonation.staffId, role: impersonation.staffRole };
    const row = await impersonationById(c.env, impersonation.id);
    const stopped = await endImpersonation(c.env, impersonation.id, actor.at);
    if (stopped && row) await auditImpersonationEnded(c.env, actor, row, "stopped_from_banner");
    return ok(c, { stopped }, 200);
  })
  .openapi(historyRoute, async (c) => {
    const principal = userPrincipal(c.get("principal"));
    const rows = await impersonationsOf(c.env, principal.userId, HISTORY_LIMIT);
    const now = c.get("now");
    return ok(
      c,
      rows.map((row) => presentSupportAccess(row, now)),
      200,
    );
  });
