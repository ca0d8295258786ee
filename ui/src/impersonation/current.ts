import { createResource, createRoot } from "solid-js";
import { api } from "~/auth/session";
import type { CurrentImpersonation } from "~core/contract/impersonation";

/**
 * Whether this tab shows the account to a staff member read-only (README "Impersonation"), read
 * once per page load and shared by the banner and the editor. A failure reads as "not
 * impersonating": the server refuses every write under impersonation whatever the app shows.
 */
const [impersonation] = createRoot(() =>
  createResource(() =>
    api.get<CurrentImpersonation>("/api/impersonation/current").catch(() => null),
  ),
);

export const currentImpersonation = impersonation;

/** True once known to be impersonating; false before the answer and when not. */
export const isViewingAs = (): boolean => impersonation()?.active === true;
