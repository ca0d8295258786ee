/**
 * Read-only impersonation (README "Impersonation"): the rules both the Worker and the apps
 * need to agree on.
 */

/** A hard end: an impersonation is refused one hour after it started, stopped or not. */
export const IMPERSONATION_TTL_MS = 60 * 60 * 1000;

/**
 * Sent by the admin app on every request it makes. The impersonation cookie is shared by the
 * whole origin (the user app and the admin app live on one host), so this header is how the
 * staff member's own tab keeps speaking as the staff member while another tab views the user.
 */
export const ADMIN_CONSOLE_HEADER = "X-Admin-Console";

/** The user app's "Stop" button: the one state-changing request an impersonation may make. */
export const IMPERSONATION_STOP_PATH = "/api/impersonation/stop";
