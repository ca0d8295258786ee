import type {
  AccountStanding,
  EscalationRequestView,
  SanctionAction,
} from "~core/contract/sanctions";
import type {
  ManualStrikeRequest,
  StrikeThresholdsRequest,
  StrikeThresholdsView,
  StrikeView,
  UserStrikes,
} from "~core/contract/strikes";
import type { ApiClient } from "~kit/api/client";

/** README "Strikes" and "Bans": an account's strikes and standing, and the strike thresholds. */

export type {
  AccountStanding,
  EscalationRequestView,
  SanctionAction,
  SanctionView,
} from "~core/contract/sanctions";
export type {
  ManualStrikeRequest,
  StrikeThresholdsRequest,
  StrikeThresholdsView,
  StrikeView,
  UserStrikes,
} from "~core/contract/strikes";

const userPath = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;
const THRESHOLDS = "/api/admin/moderation/strike-thresholds";

/**
 * Calls the server must apply once however often they are sent carry an `Idempotency-Key`
 * (8–128 of letters, digits, _ . : -): a retried click replays the first answer.
 */
export const keyed = (key: string, signal?: AbortSignal) => ({
  headers: { "Idempotency-Key": key },
  signal,
});

export const getUserStrikes = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<UserStrikes>(`${userPath(id)}/strikes`, { signal });

/** 201 with the strike (200 when the same key was sent before); 404 for an unknown account. */
export const addUserStrike = (api: ApiClient, id: string, body: ManualStrikeRequest, key: string) =>
  api.post<StrikeView>(`${userPath(id)}/strikes`, body, keyed(key));

export const getAccountStanding = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<AccountStanding>(`${userPath(id)}/sanctions`, { signal });

/**
 * 202 with the escalation request: the account's workflow applies it within seconds, and the
 * standing shows it processed. Needs a recent second factor (the layout's step-up dialog).
 */
export const actOnAccount = (api: ApiClient, id: string, action: SanctionAction, key: string) =>
  api.post<EscalationRequestView>(`${userPath(id)}/sanctions`, action, keyed(key));

export const getStrikeThresholds = (api: ApiClient, signal?: AbortSignal) =>
  api.get<StrikeThresholdsView>(THRESHOLDS, { signal });

/**
 * Super admins (`system.config`, with a recent second factor); 400 with issues when invalid.
 * Saved as a version of the `moderation` config section, so it carries a reason and a key.
 */
export const saveStrikeThresholds = (api: ApiClient, body: StrikeThresholdsRequest, key: string) =>
  api.put<StrikeThresholdsView>(THRESHOLDS, body, keyed(key));
