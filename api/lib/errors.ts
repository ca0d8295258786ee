import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Codes a client can branch on; the message is for people. */
export type ErrorCode =
  | "validation_failed"
  | "invalid_json"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal_error";

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
