import type { AccountDeletionView } from "~core/gdpr/account-deletion";
import type { ApiClient } from "~kit/api/client";

/** "Delete my account" (README "Your data"). */

export type { AccountDeletionView } from "~core/gdpr/account-deletion";

const PATH = "/api/account/deletion";

export const fetchAccountDeletion = (api: ApiClient, signal?: AbortSignal) =>
  api.get<{ deletion: AccountDeletionView | null }>(PATH, { signal });

/** A step-up, when the server asks for one, is answered by the client's dialog and retried. */
export const requestAccountDeletion = (api: ApiClient, password: string | undefined) =>
  api.post<AccountDeletionView>(PATH, password ? { password } : {});

export const cancelAccountDeletion = (api: ApiClient) =>
  api.post<AccountDeletionView>(`${PATH}/cancel`);
