import { z } from "zod";

/** A Stripe Dispute as `charge.dispute.*` events carry it (the fields billing keeps). */
const idOf = z
  .union([z.string(), z.object({ id: z.string() }).loose()])
  .transform((value) => (typeof value === "string" ? value : value.id));

const disputeSchema = z
  .object({
    id: z.string(),
    object: z.literal("dispute"),
    charge: idOf,
    payment_intent: idOf.nullish(),
    amount: z.number().int(),
    currency: z.string(),
    reason: z.string(),
    status: z.string(),
    evidence_details: z.object({ due_by: z.number().nullish() }).loose().nullish(),
    created: z.number(),
  })
  .loose();

export interface DisputeSnapshot {
  id: string;
  chargeId: string;
  paymentIntentId: string | null;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  /** Seconds, as Stripe gives it; null once evidence is no longer taken. */
  evidenceDueBy: number | null;
  created: number;
}

export function parseDispute(object: unknown): DisputeSnapshot {
  const dispute = disputeSchema.parse(object);
  return {
    id: dispute.id,
    chargeId: dispute.charge,
    paymentIntentId: dispute.payment_intent ?? null,
    amount: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    status: dispute.status,
    evidenceDueBy: dispute.evidence_details?.due_by ?? null,
    created: dispute.created,
  };
}
