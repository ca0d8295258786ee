import { and, eq, or, sql } from "drizzle-orm";
import { entitledPlan, invoiceStatusMayMove, isNewer } from "../../core/billing/lifecycle";
import {
  customerOfObject,
  parseInvoice,
  parseSubscription,
  type StripeEventEnvelope,
  stripeEventSchema,
} from "../../core/billing/stripe-objects";
import { READABLE_EVENT_VERSIONS, STRIPE_API_VERSION } from "../../core/billing/stripe-version";
import { isPlan } from "../../core/plans/entitlements";
import { createDb } from "../../db/client";
import {
  billingCustomers,
  invoices,
  type StripeEventRow,
  subscriptions,
  users,
} from "../../db/schema";
import { trackInvoicePayment, trackSubscriptionChange } from "../analytics/billing";
import type { Env } from "../env";
import { applyCheckout, applyPaymentMethod } from "./apply-card";
import { applyDispute, applyRefund } from "./apply-charge";
import { applyCreditNote } from "./apply-credit-note";
import { applyCustomer } from "./apply-customer";
import { applyInvoiceStatus } from "./apply-invoice-status";
import { notifyDunningOfPayment, startDunning } from "./dunning";
import { billingProvider, planForPrice } from "./provider";
import { sendPaymentReceipt } from "./receipt-email";
import { currentSubscription, recordWebhookChange, userOfCustomer } from "./records";
import { UnappliableEvent } from "./unappliable";

export interface ApplyOutcome {
  status: "applied" | "ignored";
  reason?: string;
}

export interface ApplyContext {
  env: Env;
  event: StripeEventEnvelope;
  position: { created: number; seq: number };
  userId: string;
  customerId: string;
  /** The consumer's reading of the clock for this batch (epoch ms). */
  now: number;
}

type Context = ApplyContext;

const ignored = (reason: string): ApplyOutcome => ({ status: "ignored", reason });
const applied: ApplyOutcome = { status: "applied" };

/** Whose customer this is: the account id, or null for a customer of no account. */
export type AccountOfCustomer = (customerId: string) => Promise<string | null>;

/**
 * Applies one recorded event to the billing mirror (the queue consumer's work). The consumer
 * passes `accountOf` to look each customer up once per pass rather than once per event.
 */
export async function applyStripeEvent(
  env: Env,
  row: StripeEventRow,
  now: number,
  accountOf: AccountOfCustomer = (customerId) => userOfCustomer(env, customerId),
): Promise<ApplyOutcome> {
  const event = stripeEventSchema.parse(JSON.parse(row.payloadJson));
  const handler = HANDLERS[event.type];
  if (!handler) return ignored(`no handler for ${event.type}`);
  if (!READABLE_EVENT_VERSIONS.includes(event.api_version ?? "")) {
    throw new UnappliableEvent(
      "api_version_mismatch",
      `Stripe sent this event in API version ${event.api_version ?? "(none)"}; billing reads ${READABLE_EVENT_VERSIONS.join(", ")}. Set the webhook endpoint's version to ${STRIPE_API_VERSION} (README "Stripe API version"), then retry the event, or skip it.`,
    );
  }
  let customerId = row.customerId ?? customerOfObject(event.data.object);
  if (!customerId && event.type.startsWith("charge.dispute.")) {
    const charge = event.data.object.charge;
    if (typeof charge === "string")
      customerId = await (await billingProvider(env)).customerOfCharge(charge);
  }
  if (!customerId) return ignored("the event names no customer");
  const userId = await accountOf(customerId);
  if (!userId) return ignored(`customer ${customerId} belongs to no account`);
  return handler({
    env,
    event,
    position: { created: row.created, seq: row.seq },
    userId,
    customerId,
    now,
  });
}

const note = recordWebhookChange;

/**
 * Writes the subscription when this event is newer than the one that wrote it last: the
 * condition is part of the upsert, so two consumers cannot interleave an older state.
 */
async function applySubscription(ctx: Context): Promise<ApplyOutcome> {
  const { env, event, position } = ctx;
  const snap = parseSubscription(event.data.object);
  const plan = planForPrice(env, snap.priceId);
  if (!plan || !isPlan(plan)) return ignored(`price ${snap.priceId} is no plan of ours`);
  const db = createDb(env.DB);
  const before = await db.query.subscriptions.findFirst({ where: eq(subscriptions.id, snap.id) });
  if (
    before &&
    !isNewer(position, { created: before.lastEventCreated, seq: before.lastEventSeq })
  ) {
    return ignored("a newer state of this subscription was already applied");
  }
  const deleted = event.type === "customer.subscription.deleted";
  const status = deleted ? "canceled" : snap.status;
  const endedReason = deleted
    ? endedReasonOf(snap.cancellationReason, event.data.object, before?.status ?? null)
    : null;
  const { now } = ctx;
  const values = {
    id: snap.id,
    userId: ctx.userId,
    customerId: ctx.customerId,
    plan,
    status,
    cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
    currentPeriodStart: snap.currentPeriodStart,
    currentPeriodEnd: snap.currentPeriodEnd,
    trialEnd: snap.trialEnd,
    pendingPlan: deleted ? null : snap.pendingPlan,
    defaultPaymentMethodId: snap.defaultPaymentMethodId,
    endedAt: deleted ? (snap.endedAt ?? event.created) : null,
    endedReason,
    lastEventCreated: position.created,
    lastEventSeq: position.seq,
    updatedAt: now,
  };
  const written = await db
    .insert(subscriptions)
    .values({ ...values, createdAt: now })
    .onConflictDoUpdate({
      target: subscriptions.id,
      set: values,
      setWhere: or(
        sql`${subscriptions.lastEventCreated} < ${position.created}`,
        and(
          eq(subscriptions.lastEventCreated, position.created),
          sql`${subscriptions.lastEventSeq} < ${position.seq}`,
        ),
      ),
    })
    .returning({ id: subscriptions.id });
  if (written.length === 0)
    return ignored("a newer state of this subscription was already applied");
  if (snap.trialEnd !== null) {
    await db
      .update(billingCustomers)
      .set({ trialUsedAt: sql`coalesce(${billingCustomers.trialUsedAt}, ${now})`, updatedAt: now })
      .where(eq(billingCustomers.customerId, ctx.customerId));
  }
  await noteSubscriptionChanges(ctx, before ?? null, { ...values, endedReason });
  await trackSubscriptionChange(ctx, before ?? null, values);
  await syncPlan(ctx);
  return applied;
}

/** Why it ended: said outright, or a subscription that was not being paid for. */
function endedReasonOf(
  reason: string | null,
  object: Record<string, unknown>,
  statusBefore: string | null,
): string {
  const metadata = (object.metadata ?? {}) as Record<string, string>;
  if (metadata.ended_reason) return metadata.ended_reason;
  if (reason === "payment_failed" || statusBefore === "past_due" || statusBefore === "unpaid")
    return "unpaid";
  return "canceled";
}

type Written = {
  plan: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  pendingPlan: string | null;
  endedReason: string | null;
  currentPeriodEnd: number;
};

async function noteSubscriptionChanges(ctx: Context, before: Written | null, after: Written) {
  const common = { subscription_id: (ctx.event.data.object as { id: string }).id };
  if (!before) {
    await note(ctx, "subscription.created", { ...common, plan: after.plan, status: after.status });
    return;
  }
  if (before.status !== after.status)
    await note(ctx, "subscription.status_changed", {
      ...common,
      from: before.status,
      to: after.status,
      ...(after.endedReason ? { reason: after.endedReason } : {}),
    });
  if (before.plan !== after.plan)
    await note(ctx, "subscription.plan_changed", { ...common, from: before.plan, to: after.plan });
  if (before.cancelAtPeriodEnd !== after.cancelAtPeriodEnd)
    await note(
      ctx,
      after.cancelAtPeriodEnd ? "subscription.cancel_scheduled" : "subscription.reactivated",
      {
        ...common,
        access_until: new Date(after.currentPeriodEnd * 1000).toISOString(),
      },
    );
  if (before.pendingPlan !== after.pendingPlan)
    await note(
      ctx,
      after.pendingPlan
        ? "subscription.downgrade_scheduled"
        : "subscription.scheduled_change_cleared",
      {
        ...common,
        plan: after.pendingPlan ?? before.pendingPlan,
      },
    );
}

/** `users.plan` — what every limit check reads — follows the current subscription. */
async function syncPlan(ctx: Context) {
  const { env, userId } = ctx;
  const current = await currentSubscription(env, userId);
  const plan = entitledPlan(
    current && isPlan(current.plan)
      ? { ...current, plan: current.plan, endedReason: current.endedReason }
      : null,
  );
  const db = createDb(env.DB);
  const changed = await db
    .update(users)
    .set({ plan, updatedAt: ctx.now })
    .where(and(eq(users.id, userId), sql`${users.plan} <> ${plan}`))
    .returning({ id: users.id });
  if (changed.length > 0)
    await note(ctx, "plan.changed", { to: plan, subscription_id: current?.id ?? null });
}

async function applyInvoice(ctx: Context): Promise<ApplyOutcome> {
  const { env, event } = ctx;
  const snap = parseInvoice(event.data.object);
  const succeeded = event.type === "invoice.payment_succeeded";
  const status = succeeded ? "paid" : snap.status;
  const db = createDb(env.DB);
  const before = await db.query.invoices.findFirst({ where: eq(invoices.id, snap.id) });
  if (before && !invoiceStatusMayMove(before.status, status))
    return ignored(`invoice is already ${before.status}`);
  const { now } = ctx;
  const values = {
    userId: ctx.userId,
    customerId: ctx.customerId,
    subscriptionId: snap.subscriptionId,
    number: snap.number,
    status,
    currency: snap.currency,
    amountDue: snap.amountDue,
    amountPaid: snap.amountPaid,
    billingReason: snap.billingReason,
    periodStart: snap.periodStart,
    periodEnd: snap.periodEnd,
    linesJson: JSON.stringify(snap.lines),
    attemptCount: Math.max(snap.attemptCount, before?.attemptCount ?? 0),
    hostedUrl: snap.hostedUrl,
    paidAt: succeeded ? (snap.paidAt ?? event.created) * 1000 : null,
    updatedAt: now,
  };
  await db
    .insert(invoices)
    .values({ id: snap.id, ...values, createdAt: now })
    .onConflictDoUpdate({ target: invoices.id, set: values });
  const detail = {
    invoice_id: snap.id,
    amount: snap.amountDue,
    currency: snap.currency,
    attempt: snap.attemptCount,
  };
  await trackInvoicePayment(ctx, snap.id, succeeded, before ?? null);
  if (succeeded) {
    await note(ctx, "invoice.paid", detail);
    await notifyDunningOfPayment(env, snap.id);
    if (snap.amountPaid > 0)
      await sendPaymentReceipt(env, ctx.userId, snap, values.paidAt ?? now, now);
  } else {
    await note(ctx, "invoice.payment_failed", detail);
    if (snap.subscriptionId && snap.amountDue > snap.amountPaid) {
      await startDunning(
        env,
        {
          invoiceId: snap.id,
          userId: ctx.userId,
          subscriptionId: snap.subscriptionId,
        },
        ctx.now,
      );
    }
  }
  return applied;
}

const HANDLERS: Record<string, (ctx: Context) => Promise<ApplyOutcome>> = {
  "checkout.session.completed": applyCheckout,
  "customer.updated": applyCustomer,
  "customer.subscription.created": applySubscription,
  "customer.subscription.updated": applySubscription,
  "customer.subscription.deleted": applySubscription,
  "invoice.payment_succeeded": applyInvoice,
  "invoice.payment_failed": applyInvoice,
  "invoice.finalized": applyInvoiceStatus,
  "invoice.voided": applyInvoiceStatus,
  "invoice.marked_uncollectible": applyInvoiceStatus,
  "credit_note.created": applyCreditNote,
  "credit_note.updated": applyCreditNote,
  "credit_note.voided": applyCreditNote,
  "payment_method.attached": applyPaymentMethod,
  "payment_method.detached": applyPaymentMethod,
  "charge.refunded": applyRefund,
  "charge.dispute.created": applyDispute,
  "charge.dispute.updated": applyDispute,
  "charge.dispute.closed": applyDispute,
  "charge.dispute.funds_withdrawn": applyDispute,
  "charge.dispute.funds_reinstated": applyDispute,
};
