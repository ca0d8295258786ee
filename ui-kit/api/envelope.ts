import type {
  ErrorCode,
  ErrorEnvelope,
  Pagination,
  SuccessEnvelope as ServerSuccessEnvelope,
} from "../../core/contract/envelope";

/** The response envelope of README "API conventions", as the wire contract defines it. */
export type { ErrorCode, ErrorEnvelope, Pagination };

/** A success answer as it arrives: a list's also carries `pagination`. */
export type SuccessEnvelope<T> = ServerSuccessEnvelope<T> & { pagination?: Pagination };

export type Envelope<T> = SuccessEnvelope<T> | ErrorEnvelope;

/**
 * Codes this side gives failures no envelope explains: `network_error` (no response),
 * `bad_response` (not an envelope), `download_failed` (a file download was refused without
 * an envelope), `client_error` (anything else that went wrong here).
 */
export type ClientErrorCode = "network_error" | "bad_response" | "download_failed" | "client_error";

/** What an ApiError's code can be: one of the server's, or one of this side's. */
export type ApiErrorCode = ErrorCode | ClientErrorCode;

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
 * client-side codes (`ClientErrorCode`).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    readonly code: ApiErrorCode,
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
