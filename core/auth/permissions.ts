/**
 * Roles and permissions of README "Who may do what", in one table the Worker enforces and both apps read
 * (to hide what a role cannot do). A role's permissions travel in its access token.
 */
export const PERMISSIONS = [
  "users.read",
  "users.write",
  "users.delete",
  /** Read-only impersonation (README "Impersonation"): the user's whole app, content and billing included. */
  "users.impersonate",
  "content.read",
  "content.moderate",
  "content.delete",
  "support.tickets",
  "payments.read",
  "payments.write",
  "payments.refund",
  "system.config",
  "system.logs",
  "system.metrics",
  "admin.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  "super_admin",
  "admin",
  "moderator",
  "support",
  "billing_admin",
  "user",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  /** Everything, including system configuration and managing other admins. */
  super_admin: PERMISSIONS,
  /** Users and content, no configuration. */
  admin: [
    "users.read",
    "users.write",
    "users.delete",
    "users.impersonate",
    "content.read",
    "content.moderate",
    "content.delete",
    "support.tickets",
    "payments.read",
    "system.logs",
    "system.metrics",
  ],
  /** Content only. */
  moderator: ["content.read", "content.moderate", "users.read"],
  /** Read-only plus tickets. */
  support: [
    "users.read",
    "users.impersonate",
    "content.read",
    "support.tickets",
    "payments.read",
    "system.logs",
  ],
  /** Payments. */
  billing_admin: ["users.read", "payments.read", "payments.write", "payments.refund"],
  /** A customer: acts on their own data only, which needs no permission. */
  user: [],
};

/**
 * Actions that need a second factor enrolled on the admin's account (README "Two-factor authentication": bans,
 * refunds, config).
 */
export const SENSITIVE_PERMISSIONS: readonly Permission[] = [
  "users.delete",
  "content.delete",
  "payments.refund",
  "system.config",
  "admin.manage",
];

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);

export const permissionsOf = (role: Role): readonly Permission[] => ROLE_PERMISSIONS[role];

export const hasPermission = (granted: readonly string[], needed: Permission): boolean =>
  granted.includes(needed);

export const isStaff = (role: Role): boolean => role !== "user";
