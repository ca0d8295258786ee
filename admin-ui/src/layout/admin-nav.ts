import type { Permission } from "~core/auth/permissions";
import type { NavItem } from "~kit/design-system/layout/AppShell";

export const ADMIN_APP_NAME = "Resume Builder Admin";

export interface AdminNavItem extends NavItem {
  /**
   * Shown only to those holding it, or one of them when several (core/auth/permissions.ts);
   * the API checks again.
   */
  permission?: Permission | readonly Permission[];
}

/** Whether the nav shows `item` to someone for whom `can` says what they hold. */
export const mayOpen = (item: AdminNavItem, can: (permission: Permission) => boolean): boolean =>
  item.permission === undefined ||
  (typeof item.permission === "string"
    ? can(item.permission)
    : item.permission.some((permission) => can(permission)));

/**
 * Only sections that exist. Users, payments and the other areas of the product
 * get an entry when their pages and API land.
 */
export const ADMIN_NAV: AdminNavItem[] = [
  { href: "/", label: "Dashboard", icon: "activity", end: true },
  { href: "/users", label: "Users", icon: "users", permission: "users.read" },
  { href: "/workflows", label: "Workflow runs", icon: "history", permission: "system.metrics" },
  { href: "/backups", label: "Backups", icon: "database", permission: "system.metrics" },
  { href: "/audit-log", label: "Audit log", icon: "shield", permission: "system.logs" },
  { href: "/security", label: "Admin security", icon: "lock", permission: "system.config" },
  { href: "/config", label: "Configuration", icon: "layout", permission: "system.config" },
  {
    href: "/moderation",
    label: "Moderation",
    icon: "alert-triangle",
    permission: "content.read",
  },
  {
    href: "/moderation/appeals",
    label: "Appeals",
    icon: "mail",
    permission: "content.read",
  },
  { href: "/bans", label: "Bans", icon: "lock", permission: "users.read" },
  {
    href: "/security-alerts",
    label: "Security alerts",
    icon: "alert-triangle",
    permission: "users.write",
  },
  { href: "/threats", label: "Threat intelligence", icon: "shield", permission: "users.write" },
  { href: "/support", label: "Support tickets", icon: "mail", permission: "support.tickets" },
  { href: "/payments", label: "Payments", icon: "credit-card", permission: "payments.read" },
  {
    href: "/reports",
    label: "Reports",
    icon: "activity",
    // usage reports need system.metrics, money ones payments.read (README "Analytics")
    permission: ["system.metrics", "payments.read"],
  },
  {
    href: "/billing-events",
    label: "Billing events",
    icon: "credit-card",
    permission: "payments.read",
  },
];
