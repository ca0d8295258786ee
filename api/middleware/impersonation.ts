import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { permissionsOf } from "../../core/auth/permissions";
import { ADMIN_CONSOLE_HEADER, IMPERSONATION_STOP_PATH } from "../../core/impersonation/rules";
import {
  type ActiveImpersonation,
  impersonationEnded,
  verifyImpersonation,
} from "../../server/auth/impersonation";
import type { Principal } from "../../server/auth/principal";
import { timesOut, touchStaffSession } from "../../server/auth/staff-sessions";
import { AppError } from "../../server/errors";
import type { AppEnv } from "../app-env";
import { clearImpersonationCookie, readImpersonationCookie } from "../lib/impersonation-cookie";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether the impersonation cookie speaks for this request. Never on the admin API (the
 * impersonation grants no admin route, and the staff member's own tab must keep working), nor
 * for the admin app, which marks its requests with `X-Admin-Console`: its `/api/auth/*` calls
 * (who am I, refresh, step-up) stay the staff member's own.
 */
const impersonationApplies = (c: Context<AppEnv>) =>
  !/^\/api\/admin(\/|$)/.test(c.req.path) && c.req.header(ADMIN_CONSOLE_HEADER) === undefined;

const asPrincipal = ({ row, user, staffRole, staffSessionId }: ActiveImpersonation): Principal => ({
  kind: "user",
  id: `user:${user.id}`,
  userId: user.id,
  email: user.email,
  role: "user",
  permissions: [...permissionsOf("user")],
  tokenId: `impersonation:${row.id}`,
  tokenExpiresAt: Math.floor(row.expiresAt / 1000),
  sessionId: null,
  // never a proof of identity: anything needing a fresh sign-in or a second factor is refused
  mfa: false,
  authTime: 0,
  via: "cookie",
  account: user,
  impersonation: {
    id: row.id,
    staffId: row.staffId,
    staffRole,
    staffSessionId,
    expiresAt: row.expiresAt,
  },
});

/**
 * Called by resolvePrincipal when no Authorization header decides: true when the request runs
 * under an impersonation cookie, live (the principal is the viewed user) or dead (the cookie is
 * cleared and a route needing a person answers 401 `impersonation_ended` rather than silently
 * switching the tab to the staff member's own account).
 */
export async function resolveImpersonation(c: Context<AppEnv>): Promise<boolean> {
  const credential = readImpersonationCookie(c);
  if (credential === undefined || !impersonationApplies(c)) return false;
  const active = await verifyImpersonation(c.env, credential, c.get("now"));
  if (active && !(await staffWentIdle(c, active))) {
    c.set("principal", asPrincipal(active));
  } else {
    clearImpersonationCookie(c);
    c.set("restriction", impersonationEnded());
  }
  return true;
}

/**
 * Viewing the customer counts as the staff member's activity (README "The admin's own
 * security"): their session's inactivity clock is kept, and a session that went idle ends the
 * impersonation with it.
 */
async function staffWentIdle(c: Context<AppEnv>, active: ActiveImpersonation) {
  if (!active.staffSessionId || !timesOut(active.staffRole)) return false;
  return (await touchStaffSession(c.env, active.staffSessionId, c.get("now"))) === "idle";
}

export const impersonationReadOnly = () =>
  new AppError(
    403,
    "impersonation_read_only",
    "You are viewing this account read-only: nothing can be changed while impersonating",
  );

/**
 * Read-only, enforced by the server (README "Impersonation"): under impersonation every
 * request that could change state is refused, whatever the route, except the Stop button.
 * Runs after resolvePrincipal and before CSRF, so the refusal names the real reason.
 */
export const refuseWritesWhileImpersonating = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get("principal");
  const impersonating = principal?.kind === "user" && principal.impersonation !== undefined;
  if (impersonating && !SAFE_METHODS.has(c.req.method) && c.req.path !== IMPERSONATION_STOP_PATH) {
    throw impersonationReadOnly();
  }
  await next();
});
