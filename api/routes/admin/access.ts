import type { MiddlewareHandler } from "hono";
import { type Permission, SENSITIVE_PERMISSIONS } from "../../../core/auth/permissions";
import type { AppEnv } from "../../app-env";
import { requirePermission, requireSecondFactor } from "../../middleware/principal";

/**
 * Who may call which admin endpoint (README "Who may do what"): the one table every route under
 * `/api/admin` takes its guard from (`middleware: guardFor("POST /api/admin/…")`), and the one
 * tests/worker/permission-matrix.test.ts reads to send every operation × every role and check the
 * answer. A served admin operation missing here, or a row no route serves, fails that test, so a
 * new endpoint cannot skip it: add its row here, then use `guardFor` in its route.
 *
 * Keys are the method and the full URL as the OpenAPI document names it (path parameters in braces).
 */
export interface AdminAccess {
  /** The permission the caller's role must hold (core/auth/permissions.ts); 403 `forbidden` without it. */
  readonly permission: Permission;
  /**
   * A second factor proven within the step-up window, for actions the README counts as sensitive
   * without a sensitive permission of their own (suspending, banning). A sensitive permission
   * (SENSITIVE_PERMISSIONS) implies it; see `needsSecondFactor`.
   */
  readonly secondFactor?: true;
}

type AdminOperationKey = `${"GET" | "POST" | "PUT" | "PATCH" | "DELETE"} /api/admin/${string}`;

const table = {
  // Operations: runs, backups, the audit log.
  "GET /api/admin/audit-logs": { permission: "system.logs" },
  "GET /api/admin/backups": { permission: "system.metrics" },
  "POST /api/admin/backups": { permission: "system.config" },
  "GET /api/admin/workflows": { permission: "system.metrics" },
  "GET /api/admin/workflows/stats": { permission: "system.metrics" },
  "GET /api/admin/workflows/{id}": { permission: "system.metrics" },
  "POST /api/admin/workflows/{id}/{action}": { permission: "system.config" },
  // The super admins' IP allowlist (README "The admin's own security").
  "GET /api/admin/security/ip-allowlist": { permission: "system.config" },
  "PUT /api/admin/security/ip-allowlist": { permission: "system.config", secondFactor: true },
  // Live configuration (README "Live configuration"); system.config implies a second factor.
  "GET /api/admin/config": { permission: "system.config" },
  "GET /api/admin/config/{section}/versions": { permission: "system.config" },
  "PUT /api/admin/config/{section}": { permission: "system.config" },
  "POST /api/admin/config/{section}/rollback": { permission: "system.config" },
  "GET /api/admin/config/email": { permission: "system.config" },
  "POST /api/admin/config/email/{key}/preview": { permission: "system.config" },
  "POST /api/admin/config/email/{key}/test": { permission: "system.config" },

  // Analytics reports (README "Analytics"): usage for whoever watches the system, money for
  // whoever may read payments.
  "GET /api/admin/analytics/users": { permission: "system.metrics" },
  "GET /api/admin/analytics/exports": { permission: "system.metrics" },
  "GET /api/admin/analytics/growth": { permission: "system.metrics" },
  "GET /api/admin/analytics/revenue": { permission: "payments.read" },
  "GET /api/admin/analytics/churn": { permission: "payments.read" },
  "GET /api/admin/analytics/recovery": { permission: "payments.read" },
  "GET /api/admin/analytics/backfill": { permission: "system.metrics" },
  "POST /api/admin/analytics/backfill": { permission: "system.config" },

  // Billing events.
  "GET /api/admin/billing/events": { permission: "payments.read" },
  "GET /api/admin/billing/events/{eventId}": { permission: "payments.read" },
  "POST /api/admin/billing/events/{eventId}/retry": { permission: "payments.write" },
  "POST /api/admin/billing/events/{eventId}/skip": { permission: "payments.write" },

  // Payments: subscriptions, invoices, refunds (README "Admin: payments"). Every action goes
  // through the billing provider; a refund is sensitive (payments.refund wants a second factor).
  "GET /api/admin/payments/subscriptions": { permission: "payments.read" },
  "GET /api/admin/payments/subscriptions/{id}": { permission: "payments.read" },
  "POST /api/admin/payments/subscriptions/{id}/actions": { permission: "payments.write" },
  "POST /api/admin/payments/subscriptions/{id}/trial-extension": { permission: "payments.write" },
  "GET /api/admin/payments/invoices": { permission: "payments.read" },
  "GET /api/admin/payments/invoices/{id}": { permission: "payments.read" },
  "GET /api/admin/payments/invoices/export": { permission: "payments.read" },
  "POST /api/admin/payments/invoices/{id}/void": { permission: "payments.write" },
  "POST /api/admin/payments/invoices/{id}/resend": { permission: "payments.write" },
  "POST /api/admin/payments/invoices/{id}/pdf": { permission: "payments.write" },
  "POST /api/admin/payments/invoices/{id}/credit-notes": { permission: "payments.write" },
  "POST /api/admin/payments/invoices": { permission: "payments.write" },
  "POST /api/admin/payments/invoices/{id}/refunds": { permission: "payments.refund" },
  "POST /api/admin/payments/invoices/{id}/payment-retry": { permission: "payments.write" },
  "POST /api/admin/payments/subscriptions": { permission: "payments.write" },
  "POST /api/admin/payments/subscriptions/{id}/plan-change": { permission: "payments.write" },
  "POST /api/admin/payments/subscriptions/{id}/coupon": { permission: "payments.write" },
  "POST /api/admin/payments/subscriptions/{id}/grace-extension": { permission: "payments.write" },
  "GET /api/admin/payments/disputes": { permission: "payments.read" },
  "GET /api/admin/payments/dunning": { permission: "payments.read" },

  // Moderation: cases, rules, appeals, strike thresholds.
  "GET /api/admin/moderation/cases": { permission: "content.read" },
  "GET /api/admin/moderation/cases/{id}": { permission: "content.read" },
  "GET /api/admin/moderation/cases/{id}/photo": { permission: "content.read" },
  "POST /api/admin/moderation/cases/{id}/decision": { permission: "content.moderate" },
  "POST /api/admin/moderation/cases/decisions": { permission: "content.moderate" },
  "GET /api/admin/moderation/rules": { permission: "content.read" },
  "PUT /api/admin/moderation/rules/{id}": { permission: "content.moderate" },
  "DELETE /api/admin/moderation/rules/{id}": { permission: "content.moderate" },
  "POST /api/admin/moderation/rules/test": { permission: "content.read" },
  "GET /api/admin/moderation/appeals": { permission: "content.read" },
  "GET /api/admin/moderation/appeals/{id}": { permission: "content.read" },
  "POST /api/admin/moderation/appeals/{id}/decision": {
    permission: "content.moderate",
    secondFactor: true,
  },
  "GET /api/admin/moderation/strike-thresholds": { permission: "content.read" },
  "PUT /api/admin/moderation/strike-thresholds": { permission: "system.config" },

  // Users: the list and one account's page, staff notes (README "Admin: users").
  "GET /api/admin/users": { permission: "users.read" },
  "GET /api/admin/users/{id}": { permission: "users.read" },
  "GET /api/admin/users/{id}/notes": { permission: "users.read" },
  "POST /api/admin/users/{id}/notes": { permission: "users.write" },
  // A resume is content: whoever reviews content may read it.
  "GET /api/admin/users/{id}/resumes/{resumeId}": { permission: "content.read" },

  // Users: bulk actions on the list (README "Admin: users", bulk actions). Exporting is
  // personal data in bulk, so it wants a fresh second factor like a suspension does.
  "POST /api/admin/users/bulk/export": { permission: "users.read", secondFactor: true },
  "POST /api/admin/users/bulk/suspend": { permission: "users.write", secondFactor: true },
  // Mail in our name to many people at once: as sensitive as a suspension.
  "POST /api/admin/users/bulk/email": { permission: "users.write", secondFactor: true },

  // Users: strikes, suspensions and bans, linked accounts.
  "GET /api/admin/users/{id}/strikes": { permission: "content.read" },
  "POST /api/admin/users/{id}/strikes": { permission: "content.moderate" },
  "GET /api/admin/users/{id}/sanctions": { permission: "users.read" },
  "POST /api/admin/users/{id}/sanctions": { permission: "users.write", secondFactor: true },
  "GET /api/admin/users/{id}/linked-accounts": { permission: "users.read" },
  "POST /api/admin/users/{id}/linked-accounts/ban": {
    permission: "users.write",
    secondFactor: true,
  },

  // Read-only impersonation (README "Impersonation").
  "POST /api/admin/users/{id}/impersonation": {
    permission: "users.impersonate",
    secondFactor: true,
  },
  "POST /api/admin/impersonation/{id}/end": { permission: "users.read" },

  // One account's admin actions (README "Users": admin actions).
  "PATCH /api/admin/users/{id}/profile": { permission: "users.write" },
  "PUT /api/admin/users/{id}/role": { permission: "admin.manage" },
  "POST /api/admin/users/{id}/password-reset": { permission: "users.write", secondFactor: true },
  "POST /api/admin/users/{id}/sessions/revoke": { permission: "users.write" },
  "POST /api/admin/users/{id}/verification-email": { permission: "users.write" },
  "POST /api/admin/users/{id}/verify": { permission: "users.write" },
  "DELETE /api/admin/users/{id}": { permission: "users.delete" },

  // Bans: accounts and IP ranges.
  "GET /api/admin/bans": { permission: "users.read" },
  "GET /api/admin/ip-bans": { permission: "users.read" },
  "POST /api/admin/ip-bans": { permission: "users.write", secondFactor: true },
  "POST /api/admin/ip-bans/{id}/lift": { permission: "users.write", secondFactor: true },
  // Threat intelligence (README "Threat intelligence"): listing a network or device blocks
  // people, as sensitive as an IP ban.
  "GET /api/admin/threats": { permission: "users.write" },
  "POST /api/admin/threats": { permission: "users.write", secondFactor: true },
  "POST /api/admin/threats/remove": { permission: "users.write", secondFactor: true },
  // Security alerts (README "Security alerts"): who may act on accounts triages them.
  "GET /api/admin/security-alerts": { permission: "users.write" },
  "GET /api/admin/security-alerts/{id}": { permission: "users.write" },
  "POST /api/admin/security-alerts/{id}/{action}": { permission: "users.write" },

  // Support tickets (README "Support").
  "GET /api/admin/support/tickets": { permission: "support.tickets" },
  "GET /api/admin/support/tickets/{id}": { permission: "support.tickets" },
  "POST /api/admin/support/tickets/{id}/messages": { permission: "support.tickets" },
  "POST /api/admin/support/tickets/{id}/status": { permission: "support.tickets" },
} as const satisfies Record<AdminOperationKey, AdminAccess>;

export type AdminOperation = keyof typeof table;

export const ADMIN_ACCESS: Readonly<Record<AdminOperation, AdminAccess>> = table;

/** Whether a staff caller needs a fresh second factor (the operator token is exempt). */
export const needsSecondFactor = (access: AdminAccess): boolean =>
  access.secondFactor === true || SENSITIVE_PERMISSIONS.includes(access.permission);

/**
 * The route middleware for one operation: 401 without credentials, 403 `forbidden` without the
 * permission, then the second-factor check. It runs before the request is validated, so a caller
 * who may not call an endpoint learns nothing about its input.
 */
export function guardFor(operation: AdminOperation): MiddlewareHandler<AppEnv>[] {
  const access = ADMIN_ACCESS[operation];
  // Type-checking catches a missing row; this names it for a build that skipped that.
  if (!access)
    throw new Error(`No row for ${operation} in ADMIN_ACCESS (api/routes/admin/access.ts)`);
  const { permission, secondFactor } = access;
  return secondFactor
    ? [requirePermission(permission), requireSecondFactor]
    : [requirePermission(permission)];
}
