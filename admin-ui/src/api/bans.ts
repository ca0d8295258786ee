import type {
  BanListItem,
  IpBanRequest,
  IpBanView,
  LinkedAccount,
  LinkedBanRequest,
} from "~core/contract/appeals";
import type { ApiClient, ListPage } from "~kit/api/client";
import type { BanFilters } from "../bans/ban-view";
import { type EscalationRequestView, keyed } from "./standing";

/**
 * README "Bans": suspensions and bans across accounts, address bans, and the accounts linked
 * to one (sharing an email alias, a device, a card or a sign-up address).
 */

export type {
  BanListItem,
  IpBanRequest,
  IpBanView,
  LinkedAccount,
  LinkedBanRequest,
  LinkSignal,
} from "~core/contract/appeals";

export type { BanFilters, BanState } from "../bans/ban-view";

export const BANS_PER_PAGE = 25;

const BANS = "/api/admin/bans";
const IP_BANS = "/api/admin/ip-bans";
const userPath = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

export const listBans = (api: ApiClient, filters: BanFilters): Promise<ListPage<BanListItem>> =>
  api.list<BanListItem>(BANS, { query: { ...filters, per_page: BANS_PER_PAGE } });

/** Bans in force first, then the lifted and ended ones, newest first within each. */
export const listIpBans = (api: ApiClient, page: number): Promise<ListPage<IpBanView>> =>
  api.list<IpBanView>(IP_BANS, { query: { page, per_page: BANS_PER_PAGE } });

/** Register and sign-in from the address or range are refused from now on. */
export const banAddress = (api: ApiClient, body: IpBanRequest, key: string): Promise<IpBanView> =>
  api.post<IpBanView>(IP_BANS, body, keyed(key));

/** Lifting a lifted ban changes nothing and answers the ban as it is. */
export const liftAddressBan = (api: ApiClient, id: string, key: string): Promise<IpBanView> =>
  api.post<IpBanView>(`${IP_BANS}/${encodeURIComponent(id)}/lift`, undefined, keyed(key));

export const getLinkedAccounts = (
  api: ApiClient,
  userId: string,
  signal?: AbortSignal,
): Promise<LinkedAccount[]> =>
  api.get<LinkedAccount[]>(`${userPath(userId)}/linked-accounts`, { signal });

/**
 * Bans the chosen linked accounts (and this one, when its id is listed) together: 202 with one
 * ban request per account, each applied by that account's escalation workflow. Needs a recent
 * second factor; 422 `not_linked` (nothing requested) when an id is not linked to this one.
 */
export const banLinkedAccounts = (
  api: ApiClient,
  userId: string,
  body: LinkedBanRequest,
  key: string,
): Promise<EscalationRequestView[]> =>
  api.post<EscalationRequestView[]>(`${userPath(userId)}/linked-accounts/ban`, body, keyed(key));
