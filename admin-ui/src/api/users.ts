import type {
  AdminUserDetail,
  AdminUserSummary,
  AdminUsersQuery,
  StaffNote,
} from "~core/contract/admin-users";
import type { ApiClient, ListPage } from "~kit/api/client";
import { apiQuery } from "../users/user-list-view";
import { keyed } from "./standing";

/** README "Admin: users": the searchable list, one account's page, staff notes. */

export type { AdminUserDetail, AdminUserSummary, StaffNote } from "~core/contract/admin-users";

const USERS = "/api/admin/users";
const userPath = (id: string) => `${USERS}/${encodeURIComponent(id)}`;

export const listUsers = (
  api: ApiClient,
  query: AdminUsersQuery,
  signal?: AbortSignal,
): Promise<ListPage<AdminUserSummary>> =>
  api.list<AdminUserSummary>(USERS, { query: apiQuery(query), signal });

export const getUser = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<AdminUserDetail>(userPath(id), { signal });

/** The key makes a retried click add the note once (201 the first time, replayed after). */
export const addUserNote = (api: ApiClient, id: string, body: string, key: string) =>
  api.post<StaffNote>(`${userPath(id)}/notes`, { body }, keyed(key));
