import { z } from "zod";

/**
 * The response envelope of README "API conventions" and the error codes it carries: the
 * routes describe their responses with these schemas, `api/lib/envelope.ts` builds the
 * bodies, and both apps read them (`ui-kit/api/envelope.ts`).
 */

/** Codes a client can branch on; the message is for people. `AppError` takes only these. */
export const ERROR_CODES = [
  "validation_failed",
  "invalid_json",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "internal_error",
  "invalid_credentials",
  "last_sign_in_method",
  "account_locked",
  "account_suspended",
  "account_banned",
  "csrf_failed",
  "session_expired",
  "token_invalid",
  "mfa_required",
  "step_up_required",
  "plan_limit",
  "payment_failed",
  "precondition_required",
  // photo uploads (core/media/photo-rules.ts `PhotoProblem`)
  "unsupported_image",
  "invalid_image",
  "image_dimensions",
  // content moderation: these exact photo bytes were rejected before
  "photo_rejected",
  // IP and linked-account bans (README "Bans")
  "address_banned",
  "invalid_range",
  "range_too_wide",
  "own_address",
  "not_linked",
  // Appeals (README "Appeals")
  "appeal_exists",
  "appeal_window_closed",
  "nothing_to_appeal",
  "appeal_decided",
  "same_moderator",
  "invalid_appeal_link",
  // The admin's own security (README "The admin's own security")
  "address_not_allowed",
  "own_address_excluded",
  // Read-only impersonation (README "Impersonation")
  "impersonation_read_only",
  "impersonation_ended",
  "impersonation_not_allowed",
  // Per-user admin actions (README "Users": admin actions)
  "email_taken",
  "deletion_not_available",
  // Admin payments (README "Admin: payments")
  "refund_exceeds_paid",
  "credit_exceeds_remaining",
  // Feature flags (README "Live configuration")
  "feature_disabled",
  // Threat intelligence and security alerts (README "Threat intelligence", "Security alerts")
  "threat_blocked",
  "alert_resolved",
  // "Export my data" (README "Your data"): the link or the zip is past its 7 days (410)
  "export_expired",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const successMetaSchema = z.object({
  timestamp: z.string().datetime(),
  version: z.string(),
  request_id: z.string(),
});

/** An error answer has no `version`: it may come before the app knows it (404, bad JSON). */
const errorMetaSchema = z.object({ timestamp: z.string().datetime(), request_id: z.string() });

export const errorEnvelopeSchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ example: "validation_failed" }),
      message: z.string(),
      details: z.unknown(),
    }),
    meta: errorMetaSchema,
  })
  .meta({ id: "ErrorEnvelope" });

export const paginationSchema = z
  .object({
    page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
    total_pages: z.number().int(),
  })
  .meta({ id: "Pagination" });

/** `{ success: true, data, meta }` around one response's data. */
export const envelopeOf = <T extends z.ZodType>(data: T) =>
  z.object({ success: z.literal(true), data, meta: successMetaSchema });

/** A page of a list: the items as `data`, and where the page is in `pagination`. */
export const listEnvelopeOf = <T extends z.ZodType>(item: T) =>
  z.object({
    success: z.literal(true),
    data: z.array(item),
    meta: successMetaSchema,
    pagination: paginationSchema,
  });

export type SuccessMeta = z.output<typeof successMetaSchema>;
export type ErrorMeta = z.output<typeof errorMetaSchema>;
export type Pagination = z.output<typeof paginationSchema>;
export type ErrorEnvelope = z.output<typeof errorEnvelopeSchema>;

/** The success envelope around `T` (generic, so written out rather than inferred). */
export interface SuccessEnvelope<T> {
  success: true;
  data: T;
  meta: SuccessMeta;
}

export interface ListEnvelope<T> extends SuccessEnvelope<T[]> {
  pagination: Pagination;
}
