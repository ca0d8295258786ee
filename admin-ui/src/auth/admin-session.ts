import type { Permission, Role } from "~core/auth/permissions";
import { operatorToken } from "./operator-session";
import { staffSession } from "./staff-session";

/**
 * Who is using the admin app: a staff member with a cookie session, or an operator with
 * the environment's token (which holds every permission).
 */
export type AdminIdentity =
  | { kind: "operator" }
  | { kind: "staff"; name: string; email: string; role: Role };

export function adminIdentity(): AdminIdentity | null {
  const staff = staffSession();
  if (staff.status === "signed-in") {
    const { name, email, role } = staff.user;
    return { kind: "staff", name, email, role };
  }
  return operatorToken() ? { kind: "operator" } : null;
}

/** Whether the signed-in person may use what needs this permission (the API checks again). */
export function can(permission: Permission): boolean {
  const staff = staffSession();
  if (staff.status === "signed-in") return staff.permissions.includes(permission);
  return operatorToken() !== null;
}

const ROLE_LABELS: Record<string, string> = {
  super_admin: "Super admin",
  admin: "Admin",
  moderator: "Moderator",
  support: "Support",
  billing_admin: "Billing admin",
};

export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? role;
