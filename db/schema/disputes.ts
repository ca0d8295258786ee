import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * Chargebacks as the payment provider reports them (README "Admin: payments"): written only
 * by the webhook consumer from `charge.dispute.*` events, newest event wins (`last_event_*`,
 * as for subscriptions), so a late `created` never reopens a closed dispute.
 */
export const disputes = sqliteTable(
  "disputes",
  {
    /** The provider's dispute id (`dp_…`). */
    id: text("id").primaryKey(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    customerId: text("customer_id").notNull(),
    chargeId: text("charge_id").notNull(),
    paymentIntentId: text("payment_intent_id"),
    /** The invoice the disputed payment paid, when the provider can say. */
    invoiceId: text("invoice_id"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** Stripe's reason (`fraudulent`, `product_not_received`, …). */
    reason: text("reason").notNull(),
    /** Stripe's status (`needs_response`, `under_review`, `won`, `lost`, …). */
    status: text("status").notNull(),
    /** When evidence is due (epoch ms), while the provider still takes it. */
    evidenceDueBy: integer("evidence_due_by"),
    lastEventCreated: integer("last_event_created").notNull(),
    lastEventSeq: integer("last_event_seq").notNull(),
    /** When the provider opened it (epoch ms). */
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("disputes_created_idx").on(t.createdAt),
    index("disputes_status_idx").on(t.status, t.evidenceDueBy),
    index("disputes_user_idx").on(t.userId),
  ],
);

export type DisputeRow = typeof disputes.$inferSelect;
