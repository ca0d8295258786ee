// Relative imports, not the apps' ~core alias: unit tests load this file without it.
import type { z } from "zod";
import {
  type CouponRequest,
  couponRequestSchema,
  type GraceExtensionRequest,
  graceExtensionRequestSchema,
  type SubscriptionCreateRequest,
  subscriptionCreateRequestSchema,
} from "../../../core/contract/admin-payments-subscriptions";
import type { Checked } from "../kit/draft-form";
import { dollarsToCents } from "./refund-draft";

/**
 * The coupon and grace forms' fields as typed, checked with the API's own schemas
 * (core/contract/admin-payments-subscriptions.ts), so the form refuses exactly what the API
 * would, with the message on the field it concerns.
 */

export interface CouponDraft {
  kind: "percent" | "amount";
  /** Percent, or dollars and cents as typed ("5" or "4.50"). */
  value: string;
  duration: CouponRequest["duration"];
  months: string;
  note: string;
}

function checkWith<T>(schema: z.ZodType<T>, input: unknown, fieldOf: (path: string) => string) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true as const, request: parsed.data };
  const issues: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOf(String(issue.path[0] ?? ""));
    issues[field] ??= issue.message;
  }
  return { ok: false as const, issues };
}

const numberOrUndefined = (text: string) => (text.trim() === "" ? undefined : Number(text));

export function checkCouponDraft(draft: CouponDraft): Checked<CouponRequest> {
  const off =
    draft.kind === "percent"
      ? { percent_off: numberOrUndefined(draft.value) }
      : { amount_off_cents: dollarsToCents(draft.value) ?? undefined };
  if (Object.values(off)[0] === undefined)
    return { ok: false, issues: { value: "Enter how much off" } };
  const input = {
    ...off,
    duration: draft.duration,
    ...(draft.duration === "repeating"
      ? { duration_in_months: numberOrUndefined(draft.months) }
      : {}),
    ...(draft.note.trim() ? { note: draft.note } : {}),
  };
  return checkWith(couponRequestSchema, input, (path) =>
    path === "duration_in_months" ? "months" : path === "note" ? "note" : "value",
  );
}

export function checkGraceDays(days: string, note: string): Checked<GraceExtensionRequest> {
  return checkWith(
    graceExtensionRequestSchema,
    { days: numberOrUndefined(days), ...(note.trim() ? { note } : {}) },
    (path) => (path === "note" ? "note" : "days"),
  );
}

export interface SubscriptionDraft {
  userId: string;
  plan: string;
  trialDays: string;
  collection: "charge" | "send";
  daysUntilDue: string;
  note: string;
}

export function checkSubscriptionDraft(
  draft: SubscriptionDraft,
): Checked<SubscriptionCreateRequest> {
  return checkWith(
    subscriptionCreateRequestSchema,
    {
      user_id: draft.userId.trim(),
      plan: draft.plan,
      trial_days: numberOrUndefined(draft.trialDays),
      collection: draft.collection,
      ...(draft.collection === "send"
        ? { days_until_due: numberOrUndefined(draft.daysUntilDue) }
        : {}),
      ...(draft.note.trim() ? { note: draft.note } : {}),
    },
    (path) => path,
  );
}
