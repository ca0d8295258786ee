import type { Role } from "~core/auth/permissions";
import type { AccountActionResult, EditAccount } from "~core/contract/admin-account-actions";
import type { ImpersonationView } from "~core/contract/impersonation";
import type { ApiClient } from "~kit/api/client";

/** One account's admin actions and read-only impersonation (README "Users", "Impersonation"). */
const base = (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}`;

export const startImpersonation = (api: ApiClient, userId: string, reason: string) =>
  api.post<ImpersonationView>(`${base(userId)}/impersonation`, { reason });

export const editAccount = (api: ApiClient, userId: string, changes: EditAccount) =>
  api.patch<AccountActionResult>(`${base(userId)}/profile`, changes);

export const changeRole = (api: ApiClient, userId: string, role: Role) =>
  api.put<AccountActionResult>(`${base(userId)}/role`, { role });

export type SimpleAccountAction =
  | "password-reset"
  | "sessions/revoke"
  | "verification-email"
  | "verify";

export const runAccountAction = (api: ApiClient, userId: string, action: SimpleAccountAction) =>
  api.post<AccountActionResult>(`${base(userId)}/${action}`);

export const deleteAccount = (api: ApiClient, userId: string) =>
  api.delete<AccountActionResult>(base(userId));
