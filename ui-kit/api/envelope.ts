/** The response envelope of README "API conventions", as both apps read it. */
export interface ResponseMeta {
  timestamp: string;
  version?: string;
  request_id: string;
}

export interface Pagination {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
}

export interface SuccessEnvelope<T> {
  success: true;
  data: T;
  meta: ResponseMeta;
  pagination?: Pagination;
}

export interface ErrorEnvelope {
  success: false;
  error: { code: string; message: string; details: unknown };
  meta: ResponseMeta;
}

export type Envelope<T> = SuccessEnvelope<T> | ErrorEnvelope;

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== "object" || value === null || !("success" in value)) return false;
  const { success } = value as { success: unknown };
  if (success === true) return "data" in value;
  if (success === false) {
    const error = (value as { error?: unknown }).error;
    return typeof error === "object" && error !== null && "code" in error;
  }
  return false;
}

/**
 * An API failure the UI can branch on: `code` is the server's error code, or one of the
 * client-side codes `network_error` (no response) and `bad_response` (not an envelope).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  /** Worth retrying later: the network or the server, not the request, failed. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}
