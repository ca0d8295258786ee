import { isStepUpRequest, needsStepUp } from "../step-up/demand";
import { CSRF_COOKIE, CSRF_HEADER, forgetSessionCookie, readCookie } from "./cookie-session";
import { ApiError, isEnvelope, type Pagination } from "./envelope";

/** Sent on sign-in so the server answers with httpOnly session cookies. */
export const WEB_CLIENT_HEADERS = { "X-Requested-With": "resume-builder-web" } as const;
const REFRESH_PATH = "/api/auth/refresh";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * The 401 code that means "no valid session on this request", which a refresh can cure.
 * Other 401s answer the request itself (`invalid_credentials` for a wrong password,
 * `session_expired` for a dead refresh token or sign-in challenge): refreshing changes
 * nothing there.
 */
const NO_SESSION = "unauthorized";

/** 403 codes that mean the account itself may not be used now (README "Bans"). */
const RESTRICTED = new Set(["account_suspended", "account_banned"]);

export interface CookieSessionOptions {
  /**
   * Called once a request found no valid session and the refresh failed too (or there
   * was no session to refresh): the person is signed out.
   */
  onSessionEnded?: (error: ApiError) => void;
}

export interface ApiClientOptions {
  /** Browser sessions send their cookies; operator requests use a bearer token instead. */
  credentials?: RequestCredentials;
  /** Returns the bearer token to send, if any, at the time of each request. */
  bearerToken?: () => string | null;
  /** Called on any 401, before the error is thrown (e.g. to forget a rejected token). */
  onUnauthorized?: (error: ApiError) => void;
  /**
   * A browser session held in httpOnly cookies: state-changing requests echo the CSRF
   * cookie in `X-CSRF-Token`, and a request refused for want of a session refreshes the
   * session once (`POST /api/auth/refresh`) and is retried.
   */
  cookieSession?: CookieSessionOptions;
  /**
   * Asked when a request is refused with 403 `step_up_required` or `mfa_required`: the app
   * asks the person to prove it is them (POST /api/auth/step-up) and resolves true once
   * that worked, and the request is sent again, once; false gives the caller the 403.
   */
  onStepUp?: (error: ApiError) => Promise<boolean>;
  /** Headers sent with every request, e.g. the admin app's `X-Admin-Console` (README "Impersonation"). */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  signal?: AbortSignal;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

/** A file the API answered with instead of an envelope (a CSV export). */
export interface DownloadedFile {
  blob: Blob;
  /** The name the server suggested (`Content-Disposition`), if it did. */
  filename: string | null;
}

export interface DownloadOptions extends RequestOptions {
  /** Told the bytes received so far, and the answer's headers, as the file arrives. */
  onProgress?: (received: number, headers: Headers) => void;
}

export interface ListPage<T> {
  items: T[];
  pagination: Pagination;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  list<T>(path: string, options?: RequestOptions): Promise<ListPage<T>>;
  /**
   * A request whose success is a file, not an envelope: sent like the others (token or
   * cookies, CSRF, refresh, step-up); a refusal is the same ApiError.
   */
  download(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    options?: DownloadOptions,
  ): Promise<DownloadedFile>;
}

function withQuery(path: string, query: RequestOptions["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** `filename="users-2026-11-05.csv"` out of a `Content-Disposition`, or null. */
function dispositionFilename(header: string | null): string | null {
  const match = header?.match(/filename="([^"]+)"/) ?? header?.match(/filename=([^;\s]+)/);
  return match?.[1] ?? null;
}

/** The body as a Blob, telling `onProgress` the bytes received as they arrive. */
async function readFile(response: Response, options: DownloadOptions): Promise<DownloadedFile> {
  const filename = dispositionFilename(response.headers.get("Content-Disposition"));
  const type = response.headers.get("Content-Type") ?? "";
  if (!response.body) return { blob: await response.blob(), filename };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      options.onProgress?.(received, response.headers);
    }
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", "The download was cut off. Try again.");
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), filename };
}

/**
 * A small fetch wrapper for the Worker's JSON API: unwraps the envelope and turns every
 * failure into an ApiError. Aborts propagate unchanged (DOMException "AbortError").
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const session = options.cookieSession;
  /** One refresh at a time: parallel requests that all hit a 401 share it. */
  let refreshing: Promise<boolean> | null = null;

  async function fetchResponse(
    method: string,
    path: string,
    body: unknown,
    request: RequestOptions,
  ): Promise<Response> {
    const headers = new Headers({
      Accept: "application/json",
      ...options.headers,
      ...request.headers,
    });
    const token = options.bearerToken?.();
    if (token) headers.set("Authorization", `Bearer ${token}`);
    // A file (Blob) is sent as it is, with its own type: photo uploads (README "Photos").
    const file = body instanceof Blob ? body : null;
    if (body !== undefined && !file) headers.set("Content-Type", "application/json");
    if (session && STATE_CHANGING.has(method)) {
      const csrf = readCookie(CSRF_COOKIE);
      if (csrf) headers.set(CSRF_HEADER, csrf);
    }

    try {
      return await fetch(withQuery(path, request.query), {
        method,
        headers,
        body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
        credentials: options.credentials ?? "same-origin",
        signal: request.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
      throw new ApiError(0, "network_error", "The server could not be reached.");
    }
  }

  async function fetchEnvelope(
    method: string,
    path: string,
    body: unknown,
    request: RequestOptions,
  ) {
    return readEnvelope(await fetchResponse(method, path, body, request));
  }

  /** A file on success; any other answer is read as the envelope it is (its error thrown). */
  async function fetchFile(
    method: string,
    path: string,
    body: unknown,
    request: DownloadOptions,
  ): Promise<DownloadedFile> {
    const response = await fetchResponse(method, path, body, {
      ...request,
      headers: { Accept: "*/*", ...request.headers },
    });
    if (response.ok) return readFile(response, request);
    await readEnvelope(response);
    throw new ApiError(
      response.status,
      "bad_response",
      `Unexpected response from the server (HTTP ${response.status}).`,
    );
  }

  async function readEnvelope(response: Response) {
    const payload: unknown = await response.json().catch(() => undefined);
    if (!isEnvelope(payload)) {
      throw new ApiError(
        response.status,
        "bad_response",
        `Unexpected response from the server (HTTP ${response.status}).`,
      );
    }
    if (!payload.success) {
      const { code, message, details } = payload.error;
      throw new ApiError(response.status, code, message, details, payload.meta.request_id);
    }
    // success:true is data even on a non-2xx status (a degraded /api/health answers 503)
    return payload;
  }

  /**
   * Exchanges the refresh cookie for new session cookies; false when that is refused,
   * the refresh's own error when it could not be asked.
   * Refresh tokens rotate and a reused one ends the session, so tabs take turns (a Web
   * Lock), and a tab that finds the CSRF cookie changed since its request failed knows
   * another tab has already refreshed.
   */
  function refreshSession(csrfBefore: string | null): Promise<boolean> {
    const refresh = async () => {
      const current = readCookie(CSRF_COOKIE);
      if (current === null) return false;
      if (current !== csrfBefore) return true;
      try {
        await fetchEnvelope("POST", REFRESH_PATH, undefined, {});
        return true;
      } catch (error) {
        // refused: the session is over. Anything else (offline, a 5xx) is not an answer
        // about the session, and the caller sees that error instead.
        if (error instanceof ApiError && (error.status === 401 || error.status === 403))
          return false;
        throw error;
      }
    };
    if (!refreshing) {
      const run: Promise<boolean> =
        typeof navigator !== "undefined" && navigator.locks
          ? navigator.locks.request("resume-builder-session-refresh", refresh).then(Boolean)
          : refresh();
      refreshing = run.finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  /** Runs `attempt` (one request), refreshing the session once when it finds none. */
  async function send<T>(path: string, attempt: () => Promise<T>): Promise<T> {
    const csrfBefore = session ? readCookie(CSRF_COOKIE) : null;
    let failure: ApiError;
    try {
      return await attempt();
    } catch (error) {
      // The account was suspended or banned, which ended the session: the person is signed
      // out, and signing in again says why and until when.
      if (session && error instanceof ApiError && RESTRICTED.has(error.code)) {
        forgetSessionCookie();
        session.onSessionEnded?.(error);
      }
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      failure = error;
    }
    if (session && failure.code === NO_SESSION && path !== REFRESH_PATH) {
      if (await refreshSession(csrfBefore)) {
        try {
          return await attempt();
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 401) throw error;
          failure = error;
        }
      }
      if (failure.code === NO_SESSION) {
        forgetSessionCookie();
        session.onSessionEnded?.(failure);
      }
    }
    options.onUnauthorized?.(failure);
    throw failure;
  }

  async function sendWithStepUp<T>(
    path: string,
    request: RequestOptions,
    attempt: () => Promise<T>,
  ): Promise<T> {
    try {
      return await send(path, attempt);
    } catch (error) {
      // the step-up request itself is never stepped up: its 403 goes to the dialog
      if (!options.onStepUp || !needsStepUp(error) || isStepUpRequest(path)) throw error;
      if (request.signal?.aborted || !(await options.onStepUp(error))) throw error;
      return await send(path, attempt);
    }
  }

  const envelopeOf = (method: string, path: string, body: unknown, request: RequestOptions) =>
    sendWithStepUp(path, request, () => fetchEnvelope(method, path, body, request));

  return {
    async get<T>(path: string, request: RequestOptions = {}) {
      return (await envelopeOf("GET", path, undefined, request)).data as T;
    },
    async post<T>(path: string, body?: unknown, request: RequestOptions = {}) {
      return (await envelopeOf("POST", path, body, request)).data as T;
    },
    async patch<T>(path: string, body?: unknown, request: RequestOptions = {}) {
      return (await envelopeOf("PATCH", path, body, request)).data as T;
    },
    async put<T>(path: string, body?: unknown, request: RequestOptions = {}) {
      return (await envelopeOf("PUT", path, body, request)).data as T;
    },
    async delete<T>(path: string, request: RequestOptions = {}) {
      return (await envelopeOf("DELETE", path, undefined, request)).data as T;
    },
    async list<T>(path: string, request: RequestOptions = {}) {
      const payload = await envelopeOf("GET", path, undefined, request);
      if (!Array.isArray(payload.data) || !payload.pagination) {
        throw new ApiError(200, "bad_response", "Expected a paginated list from the server.");
      }
      return { items: payload.data as T[], pagination: payload.pagination };
    },
    download(method, path, body, request = {}) {
      return sendWithStepUp(path, request, () => fetchFile(method, path, body, request));
    },
  };
}
