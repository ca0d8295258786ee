import type { Permission } from "~core/auth/permissions";
import type { NavItem } from "~kit/design-system/layout/AppShell";

export const ADMIN_APP_NAME = "Resume Builder Admin";

export interface AdminNavItem extends NavItem {
  /** Shown only to those holding it (core/auth/permissions.ts); the API checks again. */
  permission?: Permission;
}

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
  { href: "/support", label: "Support tickets", icon: "mail", permission: "support.tickets" },
  {
    href: "/billing-events",
    label: "Billing events",
    icon: "credit-card",
    permission: "payments.read",
  },
];
