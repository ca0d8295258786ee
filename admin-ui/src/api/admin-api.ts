import { type ApiClient, createApiClient, type RequestOptions } from "~kit/api/client";
import { operatorToken, signOutOperator } from "../auth/operator-session";
import { staffApi, staffSession } from "../auth/staff-session";

/**
 * Operator requests carry the token and no cookies (the Worker ignores a bearer token sent
 * alongside a session cookie); a 401 means the token is no longer accepted, so it is
 * forgotten and the sign-in form returns.
 */
const operatorApi = createApiClient({
  credentials: "omit",
  bearerToken: operatorToken,
  onUnauthorized: () =>
    signOutOperator("The operator token was not accepted. Sign in again to continue."),
});

/** The client of whoever is signed in: the staff session's cookies and CSRF, or the token. */
const current = (): ApiClient =>
  staffSession().status === "signed-in" || !operatorToken() ? staffApi : operatorApi;

/** API client of the admin app, for staff sessions and operator sessions alike. */
export const adminApi: ApiClient = {
  get: <T>(path: string, options?: RequestOptions) => current().get<T>(path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    current().post<T>(path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    current().patch<T>(path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    current().put<T>(path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => current().delete<T>(path, options),
  list: <T>(path: string, options?: RequestOptions) => current().list<T>(path, options),
};
