import { ApiError, isEnvelope, type Pagination } from "./envelope";

export interface ApiClientOptions {
  /** Browser sessions send their cookies; operator requests use a bearer token instead. */
  credentials?: RequestCredentials;
  /** Returns the bearer token to send, if any, at the time of each request. */
  bearerToken?: () => string | null;
  /** Called on any 401, before the error is thrown (e.g. to forget a rejected token). */
  onUnauthorized?: (error: ApiError) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  query?: Record<string, string | number | undefined>;
}

export interface ListPage<T> {
  items: T[];
  pagination: Pagination;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  list<T>(path: string, options?: RequestOptions): Promise<ListPage<T>>;
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

/**
 * A small fetch wrapper for the Worker's JSON API: unwraps the envelope and turns every
 * failure into an ApiError. Aborts propagate unchanged (DOMException "AbortError").
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  async function send(method: string, path: string, body: unknown, request: RequestOptions) {
    const headers = new Headers({ Accept: "application/json" });
    const token = options.bearerToken?.();
    if (token) headers.set("Authorization", `Bearer ${token}`);
    if (body !== undefined) headers.set("Content-Type", "application/json");

    let response: Response;
    try {
      response = await fetch(withQuery(path, request.query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: options.credentials ?? "same-origin",
        signal: request.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
      throw new ApiError(0, "network_error", "The server could not be reached.");
    }

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
      const error = new ApiError(response.status, code, message, details, payload.meta.request_id);
      if (response.status === 401) options.onUnauthorized?.(error);
      throw error;
    }
    // success:true is data even on a non-2xx status (a degraded /api/health answers 503)
    return payload;
  }

  return {
    async get<T>(path: string, request: RequestOptions = {}) {
      return (await send("GET", path, undefined, request)).data as T;
    },
    async post<T>(path: string, body?: unknown, request: RequestOptions = {}) {
      return (await send("POST", path, body, request)).data as T;
    },
    async list<T>(path: string, request: RequestOptions = {}) {
      const payload = await send("GET", path, undefined, request);
      if (!Array.isArray(payload.data) || !payload.pagination) {
        throw new ApiError(200, "bad_response", "Expected a paginated list from the server.");
      }
      return { items: payload.data as T[], pagination: payload.pagination };
    },
  };
}
