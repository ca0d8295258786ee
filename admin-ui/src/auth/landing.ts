// Relative import, not the ~core alias: unit tests load this file without it.
import type { Role } from "../../../core/auth/permissions";

/**
 * Where each role lands after signing in (README "The admin's own security"): its work, not an
 * empty dashboard. The dashboard stays in the navigation for anyone who wants it.
 */
export const LANDING_PAGES: Record<Exclude<Role, "user">, string> = {
  super_admin: "/",
  admin: "/",
  moderator: "/moderation",
  support: "/support",
  billing_admin: "/billing-events",
};

/**
 * The page to go to after a sign-in made at `path`: the role's landing page when the sign-in
 * form was shown at the root (someone opening the console), otherwise the page that was asked
 * for (a deep link, say a case from a notification) stays.
 */
export function landingAfterSignIn(role: string, path: string): string | null {
  if (path !== "/" && path !== "") return null;
  const landing = (LANDING_PAGES as Record<string, string | undefined>)[role];
  return landing && landing !== "/" ? landing : null;
}
