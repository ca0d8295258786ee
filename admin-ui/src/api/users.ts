import type {
  AdminUserDetail,
  AdminUserSummary,
  AdminUsersQuery,
  StaffNote,
} from "~core/contract/admin-users";
import type { Resume } from "~core/contract/resumes";
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

/** One of the account's resumes, to read (the server audits each reading). */
export const getUserResume = (api: ApiClient, userId: string, resumeId: string) =>
  api.get<Resume>(`${userPath(userId)}/resumes/${encodeURIComponent(resumeId)}`);

/** The admin app's page for one of an account's resumes. */
export const userResumeHref = (userId: string, resumeId: string) =>
  `/users/${encodeURIComponent(userId)}/resumes/${encodeURIComponent(resumeId)}`;

/** The key makes a retried click add the note once (201 the first time, replayed after). */
export const addUserNote = (api: ApiClient, id: string, body: string, key: string) =>
  api.post<StaffNote>(`${userPath(id)}/notes`, { body }, keyed(key));
