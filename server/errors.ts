import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../core/contract/envelope";

/** A failure a service reports; `api/` answers it as the error envelope with its code. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Resource") => new AppError(404, "not_found", `${what} not found`);
export const unauthorized = () =>
  new AppError(401, "unauthorized", "Authentication is required for this request");
export const forbidden = (message = "You do not have permission to do this") =>
  new AppError(403, "forbidden", message);
export const conflict = (message: string, details?: unknown) =>
  new AppError(409, "conflict", message, details);

/** 429 with `Retry-After` (seconds), for rate limits and lockouts. */
export const tooManyRequests = (retryAfterSeconds: number, message?: string) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(
    429,
    "rate_limited",
    message ?? `Too many requests. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
    { retry_after: seconds },
    { "Retry-After": String(seconds) },
  );
};

/** A verification or reset link that is unknown, expired or already used. */
export const invalidEmailLink = () =>
  new AppError(
    400,
    "token_invalid",
    "This link is invalid, expired or already used. Request a new one.",
  );

/**
 * Whether the storage refused a value for its size (D1/SQLite `SQLITE_TOOBIG`, "string or
 * blob too big"), looking through the wrappers (drizzle's query error) that keep it as
 * `cause`. That is the caller's data being too large, not a fault on our side.
 */
export function isStorageTooBig(error: unknown): boolean {
  let current = error;
  for (let level = 0; level < 5 && current instanceof Error; level++) {
    if (/SQLITE_TOOBIG|string or blob too big/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
