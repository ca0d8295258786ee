import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CREDIT_NOTE_STATUSES } from "../../core/billing/states";
import { invoices } from "./billing";
import { users } from "./users";

/**
 * Credit notes as the payment provider reports them (README "Admin: payments"): written only by
 * the webhook consumer from `credit_note.*` events. The issued ones add up to the invoice's
 * `amount_credited`, what the customer's billing page and the invoice PDF show.
 */
export const creditNotes = sqliteTable(
  "credit_notes",
  {
    /** The provider's credit note id (`cn_…`). */
    id: text("id").primaryKey(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    customerId: text("customer_id").notNull(),
    number: text("number"),
    amount: integer("amount").notNull(),
    /**
     * The part of `amount` paid back in cash (Stripe's `refunds[].amount_refunded`): the charge's
     * `charge.refunded` already counts it, so the invoice's `amount_credited` leaves it out.
     */
    amountRefunded: integer("amount_refunded").notNull().default(0),
    currency: text("currency").notNull(),
    /** Stripe's reason (`duplicate`, `fraudulent`, `order_change`, `product_unsatisfactory`). */
    reason: text("reason"),
    /** Shown to the customer on the credit note. */
    memo: text("memo"),
    status: text("status", { enum: CREDIT_NOTE_STATUSES }).notNull(),
    /** When the provider issued it (epoch ms). */
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("credit_notes_invoice_idx").on(t.invoiceId, t.createdAt)],
);

export type CreditNoteRow = typeof creditNotes.$inferSelect;
