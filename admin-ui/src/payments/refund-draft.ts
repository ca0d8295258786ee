// Relative imports, not the apps' ~core alias: unit tests load this file without it.
import {
  REFUND_REASONS,
  type RefundReason,
  type RefundRequest,
  refundRequestSchema,
} from "../../../core/contract/admin-payments";

/**
 * The Refund dialog's fields, checked before anything is sent (README "Admin: payments"): a
 * full refund sends no amount (the provider refunds what is left), a partial one a dollar amount
 * turned into cents and no more than the invoice has left to refund.
 */

export type RefundField = "amount" | "reason" | "note";

export interface RefundDraft {
  kind: "full" | "partial";
  /** Dollars as typed: "14.99". */
  amount: string;
  reason: string;
  note: string;
}

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  requested_by_customer: "Requested by the customer",
  duplicate: "Duplicate charge",
  fraudulent: "Fraudulent",
};

export const refundReasonOptions = () =>
  REFUND_REASONS.map((reason) => ({ value: reason, label: REFUND_REASON_LABELS[reason] }));

/** "14.99" → 1499; null for anything that is not a positive amount with at most two decimals. */
export function dollarsToCents(text: string): number | null {
  const match = text.trim().match(/^(\d{1,7})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return cents > 0 ? cents : null;
}

export function checkRefundDraft(
  draft: RefundDraft,
  refundable: number,
):
  | { ok: true; request: RefundRequest }
  | { ok: false; issues: Partial<Record<RefundField, string>> } {
  const issues: Partial<Record<RefundField, string>> = {};
  let amount: number | undefined;
  if (draft.kind === "partial") {
    const cents = dollarsToCents(draft.amount);
    if (cents === null) issues.amount = "Enter an amount such as 14.99";
    else if (cents > refundable)
      issues.amount = `At most ${(refundable / 100).toFixed(2)} can be refunded`;
    else amount = cents;
  }
  const parsed = refundRequestSchema.safeParse({
    ...(amount === undefined ? {} : { amount_cents: amount }),
    reason: draft.reason,
    ...(draft.note.trim() ? { note: draft.note } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "amount_cents" ? "amount" : (issue.path[0] as RefundField);
      issues[field] ??= field === "reason" ? "Choose a reason" : issue.message;
    }
  }
  if (Object.keys(issues).length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, request: parsed.data };
}
