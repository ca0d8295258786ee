import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { hasPermission } from "../../../core/auth/permissions";
import {
  type AccountActionResult,
  accountActionResultSchema,
  changeRoleSchema,
  editAccountSchema,
} from "../../../core/contract/admin-account-actions";
import type { UserRow } from "../../../db/schema";
import {
  type AccountActor,
  changeAccountRole,
  clearAccountSessions,
  deletionNotAvailable,
  editAccountProfile,
  forcePasswordReset,
  resendAccountVerification,
  verifyAccountManually,
} from "../../../server/auth/admin-account-actions";
import { recordAudit } from "../../../server/ops/audit";
import type { AppEnv } from "../../app-env";
import { ok } from "../../lib/envelope";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { type AdminOperation, guardFor } from "./access";
import { adminUserIdParam } from "./strikes";

/**
 * One account's admin actions (README "Users": admin actions): edit, role, force a password
 * reset, clear sessions, verification, and delete's refusal. Each is audited with before and
 * after. Each is safe to repeat: it sets a state (or sends one more email, for the two that email).
 */

const tags = ["Users"];
const result = {
  200: jsonResponse(envelopeOf(accountActionResultSchema), "Done"),
  ...errorResponses,
};

const route = (
  operation: AdminOperation,
  method: "post" | "put" | "patch" | "delete",
  path: string,
  summary: string,
) => ({
  method,
  path,
  tags,
  summary,
  security: bearerSecurity,
  middleware: guardFor(operation),
  request: { params: adminUserIdParam },
  responses: result,
});

const editRoute = createRoute({
  ...route("PATCH /api/admin/users/{id}/profile", "patch", "/{id}/profile", "Edit name and email"),
  description:
    "A new email must be free (409 `email_taken`); it is unverified until the link sent to it is followed, and the account is signed out everywhere. Staff accounts: super admins only.",
  request: { params: adminUserIdParam, ...jsonBody(editAccountSchema) },
});
const roleRoute = createRoute({
  ...route("PUT /api/admin/users/{id}/role", "put", "/{id}/role", "Change the role (super admins)"),
  description:
    "Needs `admin.manage` and a fresh second factor. Not your own. The account is signed out so no token keeps the old role.",
  request: { params: adminUserIdParam, ...jsonBody(changeRoleSchema) },
});
const resetRoute = createRoute(
  route(
    "POST /api/admin/users/{id}/password-reset",
    "post",
    "/{id}/password-reset",
    "Force a password reset: email a reset link and end every session",
  ),
);
const sessionsRoute = createRoute(
  route(
    "POST /api/admin/users/{id}/sessions/revoke",
    "post",
    "/{id}/sessions/revoke",
    "Sign the account out everywhere",
  ),
);
const resendRoute = createRoute(
  route(
    "POST /api/admin/users/{id}/verification-email",
    "post",
    "/{id}/verification-email",
    "Send the verification email again",
  ),
);
const verifyRoute = createRoute(
  route("POST /api/admin/users/{id}/verify", "post", "/{id}/verify", "Mark the email verified"),
);
const deleteRoute = createRoute({
  ...route("DELETE /api/admin/users/{id}", "delete", "/{id}", "Delete an account (not yet)"),
  description:
    "Always 409 `deletion_not_available` for now: deletion comes with GDPR deletion, which removes the account and everything it owns.",
});

const accountActor = (c: Context<AppEnv>): AccountActor => {
  const principal = c.get("principal");
  return {
    actorId: actorOf(c).id,
    managesStaff: principal ? hasPermission(principal.permissions, "admin.manage") : false,
  };
};

const present = (
  user: UserRow,
  outcome: string,
  sessionsEnded: number | null = null,
): AccountActionResult => ({
  user_id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  email_verified: user.emailVerifiedAt !== null,
  outcome,
  sessions_ended: sessionsEnded,
});

const audit = (
  c: Context<AppEnv>,
  action: string,
  userId: string,
  details: Record<string, unknown>,
) =>
  recordAudit(c.env, actorOf(c), {
    action: `user.${action}`,
    resourceType: "user",
    resourceId: userId,
    details,
  });

export const adminAccountActionRoutes = createRouter()
  .openapi(editRoute, async (c) => {
    const { id } = c.req.valid("param");
    const edited = await editAccountProfile(
      c.env,
      accountActor(c),
      id,
      c.req.valid("json"),
      c.get("now"),
    );
    await audit(c, "profile_edited", id, { before: edited.before, after: edited.after });
    return ok(c, present(edited.user, edited.emailChanged ? "verification_sent" : "updated"), 200);
  })
  .openapi(roleRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { role } = c.req.valid("json");
    const changed = await changeAccountRole(c.env, accountActor(c), id, role, c.get("now"));
    if (changed.changed) {
      await audit(c, "role_changed", id, { before: changed.before, after: changed.after });
    }
    return ok(c, present(changed.user, changed.changed ? "role_changed" : "unchanged"), 200);
  })
  .openapi(resetRoute, async (c) => {
    const { id } = c.req.valid("param");
    const reset = await forcePasswordReset(c.env, accountActor(c), id, c.get("now"));
    await audit(c, "password_reset_forced", id, {
      before: { sessions: reset.sessionsEnded },
      after: { sessions: 0, reset_link_sent: true },
    });
    return ok(c, present(reset.user, "reset_link_sent", reset.sessionsEnded), 200);
  })
  .openapi(sessionsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const cleared = await clearAccountSessions(c.env, accountActor(c), id, c.get("now"));
    await audit(c, "sessions_cleared", id, {
      before: { sessions: cleared.sessionsEnded },
      after: { sessions: 0 },
    });
    return ok(c, present(cleared.user, "sessions_ended", cleared.sessionsEnded), 200);
  })
  .openapi(resendRoute, async (c) => {
    const { id } = c.req.valid("param");
    const resent = await resendAccountVerification(
      c.env,
      accountActor(c),
      id,
      c.get("requestId"),
      c.get("now"),
    );
    if (resent.sent) {
      await audit(c, "verification_resent", id, {
        before: { email_verified: false },
        after: { email_verified: false, verification_sent_to: resent.user.email },
      });
    }
    return ok(c, present(resent.user, resent.sent ? "verification_sent" : "already_verified"), 200);
  })
  .openapi(verifyRoute, async (c) => {
    const { id } = c.req.valid("param");
    const verified = await verifyAccountManually(c.env, accountActor(c), id, c.get("now"));
    if (!verified.before.email_verified) {
      await audit(c, "email_verified_manually", id, {
        before: verified.before,
        after: verified.after,
      });
    }
    return ok(
      c,
      present(verified.user, verified.before.email_verified ? "already_verified" : "verified"),
      200,
    );
  })
  .openapi(deleteRoute, () => {
    throw deletionNotAvailable();
  });
