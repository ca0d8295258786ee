// Relative imports, not the apps' ~core/~kit aliases: unit tests and the root tsconfig load
// this file without them.
import type { Plan } from "../../../core/plans/entitlements";

/** Words for plans on the admin Users pages (roles: `roleLabel` in auth/admin-session.ts). */

export const PLAN_LABELS: Record<Plan, string> = {
  free: "Free",
  standard: "Standard",
  premium: "Premium",
  enterprise: "Enterprise",
};
