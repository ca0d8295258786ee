import { createMiddleware } from "hono/factory";
import { AppError } from "../../server/errors";
import { assertSuperAdminAddress } from "../../server/ops/admin-allowlist";
import { enforceLimit } from "../../server/ops/rate-limits";
import { AUDITED_REFUSALS, recordRefusedAdminRequest } from "../../server/ops/staff-audit";
import type { AppEnv } from "../app-env";
import { actorOf, clientAddress } from "../lib/request";

/**
 * In front of every `/api/admin/*` route (README "The admin's own security"), for signed-in
 * callers; a route's own `requirePermission` still decides who may do what:
 *
 * - a super admin outside a non-empty IP allowlist is refused 403 `address_not_allowed`;
 * - each staff account makes at most 100 admin requests a minute (429 `rate_limited`,
 *   `Retry-After`); the operator token, a machine credential used by automation and the bench,
 *   is exempt, as it is from the second factor;
 * - a refusal that could be someone probing (403 `forbidden`, `mfa_required`,
 *   `step_up_required`, `address_not_allowed`) is written to the audit log with address and
 *   user agent, whichever middleware refused it.
 */
export const adminGuard = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get("principal");
  if (principal?.kind === "user") {
    try {
      if (principal.role === "super_admin") await assertSuperAdminAddress(c.env, clientAddress(c));
      await enforceLimit(c.env, "adminRequests", principal.id, c.get("now"));
    } catch (refusal) {
      await auditRefusal(c, refusal);
      throw refusal;
    }
  }
  await next();
  // Hono hands an error thrown further down to the error handler and keeps it on the context.
  if (c.error) await auditRefusal(c, c.error);
});

async function auditRefusal(c: Parameters<typeof adminGuard>[0], error: unknown) {
  if (!(error instanceof AppError) || error.status !== 403) return;
  if (!AUDITED_REFUSALS.includes(error.code) || !c.get("principal")) return;
  await recordRefusedAdminRequest(c.env, actorOf(c), {
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    code: error.code,
  });
}
