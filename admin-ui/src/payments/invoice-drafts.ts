// Relative imports, not the apps' ~core alias: unit tests load this file without it.
import {
  CREDIT_NOTE_REASONS,
  type CreditNoteReason,
  type CreditNoteRequest,
  creditNoteRequestSchema,
  MAX_MANUAL_INVOICE_LINES,
  type ManualInvoiceRequest,
  manualInvoiceRequestSchema,
} from "../../../core/contract/admin-payments";
import type { Checked, Issues } from "../kit/draft-form";
import { dollarsToCents } from "./refund-draft";

/**
 * The credit note and manual invoice dialogs' fields, checked before anything is sent (README
 * "Admin: payments"): dollar amounts as typed turned into cents, a credit no larger than the
 * invoice has left, then the contract's own schema. Each problem is said on its field.
 */

const money = (cents: number) => (cents / 100).toFixed(2);

export const CREDIT_NOTE_REASON_LABELS: Record<CreditNoteReason, string> = {
  order_change: "Order changed",
  product_unsatisfactory: "Not satisfied",
  duplicate: "Duplicate charge",
  fraudulent: "Fraudulent",
};

export const creditNoteReasonOptions = () =>
  CREDIT_NOTE_REASONS.map((reason) => ({
    value: reason,
    label: CREDIT_NOTE_REASON_LABELS[reason],
  }));

export type CreditNoteField = "amount" | "reason" | "memo" | "note";

export interface CreditNoteDraft {
  /** Dollars as typed: "14.99". */
  amount: string;
  reason: string;
  memo: string;
  note: string;
}

export function checkCreditNoteDraft(
  draft: CreditNoteDraft,
  creditable: number,
): Checked<CreditNoteRequest, CreditNoteField> {
  const issues: Issues<CreditNoteField> = {};
  const cents = dollarsToCents(draft.amount);
  if (cents === null) issues.amount = "Enter an amount such as 14.99";
  else if (cents > creditable) issues.amount = `At most ${money(creditable)} can be credited`;
  const parsed = creditNoteRequestSchema.safeParse({
    amount_cents: cents ?? 0,
    reason: draft.reason,
    ...(draft.memo.trim() ? { memo: draft.memo } : {}),
    ...(draft.note.trim() ? { note: draft.note } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field =
        issue.path[0] === "amount_cents" ? "amount" : (issue.path[0] as CreditNoteField);
      issues[field] ??= field === "reason" ? "Choose a reason" : issue.message;
    }
  }
  if (Object.keys(issues).length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, request: parsed.data };
}

export interface ManualInvoiceLineDraft {
  description: string;
  /** Dollars as typed. */
  amount: string;
}

export interface ManualInvoiceDraft {
  userId: string;
  lines: ManualInvoiceLineDraft[];
  collection: "charge" | "send";
  /** Days as typed (`send` only). */
  daysUntilDue: string;
  note: string;
}

/** `line.{i}.description`, `line.{i}.amount`, or a top-level field. */
export type ManualInvoiceField = string;

export { MAX_MANUAL_INVOICE_LINES };

export function checkManualInvoiceDraft(
  draft: ManualInvoiceDraft,
): Checked<ManualInvoiceRequest, ManualInvoiceField> {
  const issues: Issues<ManualInvoiceField> = {};
  const lines = draft.lines.map((line, index) => {
    const cents = dollarsToCents(line.amount);
    if (cents === null) issues[`line.${index}.amount`] = "Enter an amount such as 14.99";
    if (!line.description.trim()) issues[`line.${index}.description`] = "Describe the line";
    return { description: line.description, amount_cents: cents ?? 0 };
  });
  const days = Number(draft.daysUntilDue);
  const parsed = manualInvoiceRequestSchema.safeParse({
    user_id: draft.userId.trim(),
    lines,
    collection: draft.collection,
    ...(draft.collection === "send" ? { days_until_due: days } : {}),
    ...(draft.note.trim() ? { note: draft.note } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index, field] = issue.path;
      const key =
        top === "lines" && typeof index === "number"
          ? `line.${index}.${field === "amount_cents" ? "amount" : String(field)}`
          : top === "days_until_due"
            ? "daysUntilDue"
            : top === "user_id"
              ? "userId"
              : String(top);
      issues[key] ??= top === "days_until_due" ? "1 to 90 days" : issue.message;
    }
  }
  if (Object.keys(issues).length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, request: parsed.data };
}
