import { type ApiClient, createApiClient, type RequestOptions } from "~kit/api/client";
import { ApiError, isEnvelope } from "~kit/api/envelope";
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
  download: (method, path, body, options) => current().download(method, path, body, options),
};

/**
 * Bytes the admin API answers instead of an envelope (a photo case's image), as a Blob.
 * Sent as the client sends its requests — the staff session's cookies, or the operator token,
 * which an `<img src>` could not carry. Callers read something through `adminApi` first, so an
 * expired staff session has been refreshed by then. A refusal is an ApiError with the server's
 * code and words; a rejected operator token signs the operator out, as the client does.
 */
export async function fetchAdminBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const token = staffSession().status === "signed-in" ? null : operatorToken();
  let response: Response;
  try {
    response = await fetch(path, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      credentials: token ? "omit" : "same-origin",
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", "The server could not be reached.");
  }
  if (response.ok) return response.blob();
  const payload: unknown = await response.json().catch(() => undefined);
  const error =
    isEnvelope(payload) && !payload.success
      ? new ApiError(
          response.status,
          payload.error.code,
          payload.error.message,
          payload.error.details,
          payload.meta.request_id,
        )
      : new ApiError(
          response.status,
          "bad_response",
          `Unexpected response from the server (HTTP ${response.status}).`,
        );
  if (token && response.status === 401) {
    signOutOperator("The operator token was not accepted. Sign in again to continue.");
  }
  throw error;
}
