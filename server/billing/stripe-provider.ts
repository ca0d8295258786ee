import Stripe from "stripe";
import {
  type CheckoutSessionSnapshot,
  invoiceOfInvoicePayment,
  type PaymentMethodSnapshot,
  parsePaymentMethod,
  savedPaymentMethod,
} from "../../core/billing/stripe-objects";
import { STRIPE_API_VERSION } from "../../core/billing/stripe-version";
import type { Plan } from "../../core/plans/entitlements";
import type { Env } from "../env";
import type {
  BillingProvider,
  CheckoutInput,
  CouponInput,
  CreditNoteInput,
  CreditNoteOutcome,
  ManualInvoiceInput,
  ManualInvoiceOutcome,
  PaymentResult,
  PlanChangeInput,
  RefundInput,
  RefundOutcome,
  SubscriptionCreateInput,
} from "./provider";
import { checkoutMetadata, paymentFailed, priceIdFor, refundExceedsPaid } from "./provider";
import { createStripeCreditNote, createStripeInvoice, voidStripeInvoice } from "./stripe-invoices";

/** Card errors are the person's to fix (another card); anything else is ours to retry. */
function cardRefusal(error: unknown): PaymentResult | null {
  if (error instanceof Stripe.errors.StripeCardError)
    return { paid: false, message: error.message };
  return null;
}

/**
 * Stripe through the official SDK, with the fetch HTTP client so it runs in workerd. Every
 * call that can move money passes the caller's idempotency key on to Stripe.
 */
export class StripeProvider implements BillingProvider {
  readonly mode = "stripe" as const;
  private readonly stripe: Stripe;

  constructor(private readonly env: Env) {
    this.stripe = new Stripe(env.STRIPE_SECRET_KEY!, {
      // Pinned, not left to the SDK's default: the type only accepts the SDK's own version,
      // so an SDK upgrade that moves it fails the type-check until billing is moved too.
      apiVersion: STRIPE_API_VERSION,
      httpClient: Stripe.createFetchHttpClient(),
      maxNetworkRetries: 2,
    });
  }

  async createCustomer(input: { userId: string; email: string; name: string }, key: string) {
    const customer = await this.stripe.customers.create(
      { email: input.email, name: input.name, metadata: { user_id: input.userId } },
      { idempotencyKey: key },
    );
    return customer.id;
  }

  async startTrial(
    input: { userId: string; customerId: string; plan: Plan; trialDays: number },
    key: string,
  ) {
    const subscription = await this.stripe.subscriptions.create(
      {
        customer: input.customerId,
        items: [{ price: priceIdFor(this.env, input.plan) }],
        trial_period_days: input.trialDays,
        // Without a card by the end of the trial the subscription ends (back to Free).
        trial_settings: { end_behavior: { missing_payment_method: "cancel" } },
        payment_settings: { save_default_payment_method: "on_subscription" },
        metadata: { user_id: input.userId },
      },
      { idempotencyKey: key },
    );
    return { subscriptionId: subscription.id };
  }

  async createCheckout(input: CheckoutInput, key: string) {
    const common = {
      customer: input.customerId,
      client_reference_id: input.userId,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      metadata: checkoutMetadata(input),
      // Cards at checkout: a card settles at once, so an upgrade's proration and a trial's
      // end are paid when they happen (a bank debit takes days). A method added another way
      // (the Dashboard, say) is still mirrored and shown, whatever its type.
      allowed_payment_method_types: ["card" as const],
    };
    const session =
      input.mode === "setup"
        ? await this.stripe.checkout.sessions.create(
            { ...common, mode: "setup", currency: "usd" },
            { idempotencyKey: key },
          )
        : await this.stripe.checkout.sessions.create(
            {
              ...common,
              mode: "subscription",
              line_items: [{ price: priceIdFor(this.env, input.plan), quantity: 1 }],
              subscription_data: {
                metadata: { user_id: input.userId },
                ...(input.trialDays > 0 ? { trial_period_days: input.trialDays } : {}),
              },
            },
            { idempotencyKey: key },
          );
    if (!session.url) throw new Error(`checkout session ${session.id} has no url`);
    return { id: session.id, url: session.url };
  }

  async setupPaymentMethod(session: CheckoutSessionSnapshot) {
    if (!session.setupIntentId) return null;
    return savedPaymentMethod(await this.stripe.setupIntents.retrieve(session.setupIntentId));
  }

  private async itemOf(subscriptionId: string) {
    const subscription = await this.stripe.subscriptions.retrieve(subscriptionId);
    const item = subscription.items.data[0];
    if (!item) throw new Error(`subscription ${subscriptionId} has no item`);
    return { subscription, item };
  }

  async upgrade(input: { subscriptionId: string; plan: Plan }, key: string) {
    const { subscription, item } = await this.itemOf(input.subscriptionId);
    if (subscription.schedule) await this.releaseSchedule(subscription.schedule, `${key}:release`);
    try {
      await this.stripe.subscriptions.update(
        input.subscriptionId,
        {
          items: [{ id: item.id, price: priceIdFor(this.env, input.plan) }],
          proration_behavior: "always_invoice",
          // A refused card leaves the subscription as it was instead of half-upgraded.
          payment_behavior: "error_if_incomplete",
          metadata: { pending_plan: "" },
        },
        { idempotencyKey: key },
      );
    } catch (error) {
      const refusal = cardRefusal(error);
      if (refusal) throw paymentFailed(refusal.message);
      throw error;
    }
  }

  private async releaseSchedule(schedule: string | Stripe.SubscriptionSchedule, key: string) {
    const id = typeof schedule === "string" ? schedule : schedule.id;
    await this.stripe.subscriptionSchedules.release(id, {}, { idempotencyKey: key });
  }

  /**
   * The schedule that will carry the change: the subscription's own (made earlier, or in the
   * Dashboard), else a new one from the subscription.
   */
  private async scheduleOf(subscription: Stripe.Subscription, key: string) {
    const attached = subscription.schedule;
    if (attached)
      return typeof attached === "string"
        ? this.stripe.subscriptionSchedules.retrieve(attached)
        : attached;
    return this.stripe.subscriptionSchedules.create(
      { from_subscription: subscription.id },
      { idempotencyKey: `${key}:schedule` },
    );
  }

  async scheduleDowngrade(input: { subscriptionId: string; plan: Plan }, key: string) {
    const { subscription, item } = await this.itemOf(input.subscriptionId);
    const schedule = await this.scheduleOf(subscription, key);
    // Stripe refuses an update that moves the current phase's start, and that start is the
    // schedule's (a Dashboard-made schedule's phase can begin before the item's period).
    const phaseStart =
      schedule.current_phase?.start_date ??
      schedule.phases[0]?.start_date ??
      item.current_period_start;
    // Two phases: the current price to the period end (marked with the pending plan, so the
    // webhook tells the app), then the lower price from the next cycle without proration.
    await this.stripe.subscriptionSchedules.update(
      schedule.id,
      {
        end_behavior: "release",
        proration_behavior: "none",
        phases: [
          {
            items: [{ price: item.price.id, quantity: 1 }],
            start_date: phaseStart,
            end_date: item.current_period_end,
            metadata: { pending_plan: input.plan },
          },
          {
            items: [{ price: priceIdFor(this.env, input.plan), quantity: 1 }],
            metadata: { pending_plan: "" },
          },
        ],
      },
      { idempotencyKey: key },
    );
  }

  async clearScheduledChange(subscriptionId: string, key: string) {
    const subscription = await this.stripe.subscriptions.retrieve(subscriptionId);
    if (subscription.schedule) await this.releaseSchedule(subscription.schedule, `${key}:release`);
    await this.stripe.subscriptions.update(
      subscriptionId,
      { metadata: { pending_plan: "" } },
      { idempotencyKey: key },
    );
  }

  async setCancelAtPeriodEnd(subscriptionId: string, cancel: boolean, key: string) {
    await this.stripe.subscriptions.update(
      subscriptionId,
      { cancel_at_period_end: cancel },
      { idempotencyKey: key },
    );
  }

  async endForNonPayment(subscriptionId: string, key: string) {
    await this.stripe.subscriptions.update(
      subscriptionId,
      { metadata: { ended_reason: "unpaid" } },
      { idempotencyKey: `${key}:mark` },
    );
    await this.stripe.subscriptions.cancel(
      subscriptionId,
      { cancellation_details: { comment: "Payment not received within the grace period" } },
      { idempotencyKey: key },
    );
  }

  async attachPaymentMethod(
    input: { customerId: string; paymentMethodId: string },
    key: string,
  ): Promise<PaymentMethodSnapshot> {
    try {
      const pm = await this.stripe.paymentMethods.attach(
        input.paymentMethodId,
        { customer: input.customerId },
        { idempotencyKey: key },
      );
      return parsePaymentMethod(pm);
    } catch (error) {
      const refusal = cardRefusal(error);
      if (refusal) throw paymentFailed(refusal.message);
      throw error;
    }
  }

  async detachPaymentMethod(paymentMethodId: string) {
    await this.stripe.paymentMethods.detach(paymentMethodId);
  }

  async setDefaultPaymentMethod(
    input: { customerId: string; subscriptionId: string | null; paymentMethodId: string },
    key: string,
  ) {
    await this.stripe.customers.update(
      input.customerId,
      { invoice_settings: { default_payment_method: input.paymentMethodId } },
      { idempotencyKey: `${key}:customer` },
    );
    if (input.subscriptionId) {
      await this.stripe.subscriptions.update(
        input.subscriptionId,
        { default_payment_method: input.paymentMethodId },
        { idempotencyKey: key },
      );
    }
  }

  async payInvoice(
    input: { invoiceId: string; paymentMethodId: string | null },
    key: string,
  ): Promise<PaymentResult> {
    try {
      const invoice = await this.stripe.invoices.pay(
        input.invoiceId,
        {
          off_session: true,
          ...(input.paymentMethodId ? { payment_method: input.paymentMethodId } : {}),
        },
        { idempotencyKey: key },
      );
      return { paid: invoice.status === "paid", message: null };
    } catch (error) {
      const refusal = cardRefusal(error);
      if (refusal) return refusal;
      throw error;
    }
  }

  async refund(input: RefundInput, key: string): Promise<RefundOutcome> {
    const target =
      "chargeId" in input
        ? { charge: input.chargeId }
        : { payment_intent: await this.paidIntentOf(input.invoiceId) };
    try {
      const refund = await this.stripe.refunds.create(
        {
          ...target,
          ...(input.amountCents === null ? {} : { amount: input.amountCents }),
          reason: input.reason,
          metadata: input.metadata,
        },
        { idempotencyKey: key },
      );
      return { refundId: refund.id, amountCents: refund.amount };
    } catch (error) {
      // Stripe's own check of what the charge has left (a refund made in the Dashboard counts).
      if (
        error instanceof Stripe.errors.StripeInvalidRequestError &&
        (error.code === "amount_too_large" || error.code === "charge_already_refunded")
      )
        throw refundExceedsPaid(null);
      throw error;
    }
  }

  /** The PaymentIntent that paid an invoice: since API 2025-03-31 its payments name it. */
  private async paidIntentOf(invoiceId: string): Promise<string> {
    const payments = await this.stripe.invoicePayments.list({ invoice: invoiceId, limit: 10 });
    const paid = payments.data.find(
      (payment) => payment.status === "paid" && payment.payment.payment_intent,
    );
    const intent = paid?.payment.payment_intent;
    if (!intent) throw refundExceedsPaid(0);
    return typeof intent === "string" ? intent : intent.id;
  }

  async cancelNow(subscriptionId: string, key: string) {
    await this.stripe.subscriptions.cancel(subscriptionId, {}, { idempotencyKey: key });
  }

  async deleteCustomer(customerId: string) {
    try {
      await this.stripe.customers.del(customerId);
    } catch (error) {
      // A retried deletion finds the customer already gone: that is the outcome it wanted.
      if ((error as { statusCode?: number }).statusCode === 404) return;
      throw error;
    }
  }

  async extendTrial(input: { subscriptionId: string; trialEnd: number }, key: string) {
    await this.stripe.subscriptions.update(
      input.subscriptionId,
      { trial_end: input.trialEnd, proration_behavior: "none" },
      { idempotencyKey: key },
    );
  }

  createInvoice(input: ManualInvoiceInput, key: string): Promise<ManualInvoiceOutcome> {
    return createStripeInvoice(this.stripe, input, key, (invoiceId, payKey) =>
      this.payInvoice({ invoiceId, paymentMethodId: null }, payKey),
    );
  }

  createCreditNote(input: CreditNoteInput, key: string): Promise<CreditNoteOutcome> {
    return createStripeCreditNote(this.stripe, input, key);
  }

  voidInvoice(invoiceId: string, key: string) {
    return voidStripeInvoice(this.stripe, invoiceId, key);
  }

  /**
   * `always_invoice` when prorating: the credit and the new plan's remainder are invoiced and
   * charged at once, as the customer's own upgrade is, so the change and its money land
   * together; a refused card leaves the plan as it was. `none`: the new price from the next
   * invoice. Either way a scheduled downgrade is dropped first (README "Admin: payments").
   */
  async changePlan(input: PlanChangeInput, key: string) {
    const { subscription, item } = await this.itemOf(input.subscriptionId);
    if (subscription.schedule) await this.releaseSchedule(subscription.schedule, `${key}:release`);
    try {
      await this.stripe.subscriptions.update(
        input.subscriptionId,
        {
          items: [{ id: item.id, price: priceIdFor(this.env, input.plan) }],
          ...(input.prorate
            ? { proration_behavior: "always_invoice", payment_behavior: "error_if_incomplete" }
            : { proration_behavior: "none" }),
          metadata: { pending_plan: "" },
        },
        { idempotencyKey: key },
      );
    } catch (error) {
      const refusal = cardRefusal(error);
      if (refusal) throw paymentFailed(refusal.message);
      throw error;
    }
  }

  /**
   * `charge_automatically` with `error_if_incomplete`: a refused first charge creates nothing
   * (402); `send_invoice`: Stripe finalizes and emails each invoice, due in `days_until_due`.
   */
  async createSubscription(input: SubscriptionCreateInput, key: string) {
    try {
      const subscription = await this.stripe.subscriptions.create(
        {
          customer: input.customerId,
          items: [{ price: priceIdFor(this.env, input.plan) }],
          ...(input.trialDays > 0 ? { trial_period_days: input.trialDays } : {}),
          ...(input.collection === "send"
            ? { collection_method: "send_invoice", days_until_due: input.daysUntilDue }
            : {
                collection_method: "charge_automatically",
                payment_behavior: "error_if_incomplete",
              }),
          metadata: { user_id: input.userId },
        },
        { idempotencyKey: key },
      );
      return { subscriptionId: subscription.id };
    } catch (error) {
      const refusal = cardRefusal(error);
      if (refusal) throw paymentFailed(refusal.message);
      throw error;
    }
  }

  /** A coupon of its own for this subscription, then `discounts` naming it. */
  async applyCoupon(input: CouponInput, key: string) {
    const coupon = await this.stripe.coupons.create(
      {
        ...(input.percentOff !== null
          ? { percent_off: input.percentOff }
          : { amount_off: input.amountOffCents ?? 0, currency: "usd" }),
        duration: input.duration,
        ...(input.durationInMonths !== null ? { duration_in_months: input.durationInMonths } : {}),
        max_redemptions: 1,
        metadata: input.metadata,
      },
      { idempotencyKey: `${key}:coupon` },
    );
    await this.stripe.subscriptions.update(
      input.subscriptionId,
      { discounts: [{ coupon: coupon.id }] },
      { idempotencyKey: key },
    );
    return { couponId: coupon.id };
  }

  async invoiceOfPayment(paymentIntentId: string) {
    const payments = await this.stripe.invoicePayments.list({
      payment: { type: "payment_intent", payment_intent: paymentIntentId },
      limit: 1,
    });
    const [payment] = payments.data;
    return payment ? invoiceOfInvoicePayment(payment) : null;
  }

  async customerOfCharge(chargeId: string) {
    const charge = await this.stripe.charges.retrieve(chargeId);
    if (!charge.customer) return null;
    return typeof charge.customer === "string" ? charge.customer : charge.customer.id;
  }
}
