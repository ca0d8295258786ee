import type { NavItem } from "~ds/layout/AppShell";

export const ADMIN_APP_NAME = "Resume Builder Admin";

/**
 * Only sections that exist. Users, moderation, payments and the other areas of SPEC §7
 * get an entry when their pages and API land.
 */
export const ADMIN_NAV: NavItem[] = [
  { href: "/", label: "Dashboard", icon: "activity", end: true },
  { href: "/workflows", label: "Workflow runs", icon: "history" },
  { href: "/backups", label: "Backups", icon: "database" },
];
