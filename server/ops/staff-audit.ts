// The audit log's entries about staff themselves (README "The admin's own security"): every
// sign-in of an account whose role is not `user`, and every refusal that could be someone
// probing — a sensitive admin action refused for a missing second factor or permission, a
// super admin outside the IP allowlist. Recorded with address and user agent like any action.
import type { Role } from "../../core/auth/permissions";
import type { Actor } from "../actor";
import type { Device } from "../auth/refresh-tokens";
import type { Env } from "../env";
import { recordAudit } from "./audit";

/** How a session was opened, as the audit entry names it. */
export type SignInMethod =
  | "password"
  /** A password, then an app code or a recovery code. */
  | "password+mfa"
  /** A password, then a passkey as the second factor. */
  | "password+passkey"
  | "passkey"
  | `oauth:${string}`;

/** The codes of a 403 on an admin endpoint that the log keeps (README "Audit log"). */
export const AUDITED_REFUSALS: readonly string[] = [
  "forbidden",
  "mfa_required",
  "step_up_required",
  "address_not_allowed",
];

const actorFor = (user: { id: string; role: Role }, device: Device, at: number): Actor => ({
  id: `user:${user.id}`,
  role: user.role,
  ip: device.ip,
  userAgent: device.userAgent,
  requestId: device.requestId ?? null,
  at,
});

export function recordStaffSignIn(
  env: Env,
  user: { id: string; role: Role },
  session: { id: string; method: SignInMethod; mfa: boolean },
  device: Device,
  at: number,
): Promise<void> {
  return recordAudit(env, actorFor(user, device, at), {
    action: "staff.sign_in",
    resourceType: "session",
    resourceId: session.id,
    details: { method: session.method, mfa: session.mfa },
  });
}

export function recordRefusedSignIn(
  env: Env,
  user: { id: string; role: Role },
  refusal: { code: string; method: SignInMethod | "refresh" },
  device: Device,
  at: number,
): Promise<void> {
  return recordAudit(env, actorFor(user, device, at), {
    action: "staff.sign_in_refused",
    resourceType: "user",
    resourceId: user.id,
    details: { code: refusal.code, method: refusal.method },
  });
}

/** A refused admin request: the resource is the endpoint asked for. */
export function recordRefusedAdminRequest(
  env: Env,
  actor: Actor,
  request: { method: string; path: string; code: string },
): Promise<void> {
  return recordAudit(env, actor, {
    action: "admin.request_refused",
    resourceType: "endpoint",
    resourceId: `${request.method} ${request.path}`,
    details: { code: request.code },
  });
}
