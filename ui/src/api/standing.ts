import type { AppealRequest, AppealView, OwnStanding } from "~core/contract/appeals";
import type { ApiClient } from "~kit/api/client";

/** The signed-in owner's standing and appeals (README "Appeals"). */
export const fetchOwnStanding = (api: ApiClient, signal?: AbortSignal) =>
  api.get<OwnStanding>("/api/account/standing", { signal });

export const submitAppeal = (api: ApiClient, request: AppealRequest) =>
  api.post<AppealView>("/api/account/appeals", request);

/**
 * Asks for an appeal link by email, for an account that cannot sign in. The answer is the
 * same whether or not the address has an account that can appeal.
 */
export const requestAppealLink = (api: ApiClient, email: string) =>
  api.post<{ sent: true }>("/api/auth/appeal-link", { email });

/** The standing of the account an emailed appeal link was sent for; no session needed. */
export const fetchLinkedStanding = (api: ApiClient, token: string) =>
  api.post<OwnStanding>("/api/appeal-link/standing", { token });

export const submitLinkedAppeal = (api: ApiClient, token: string, request: AppealRequest) =>
  api.post<AppealView>("/api/appeal-link/appeals", { token, ...request });
