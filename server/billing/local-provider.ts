import type { CardExpiry } from "../../core/billing/card-expiry";
import { prorationCents } from "../../core/billing/lifecycle";
import {
  type CheckoutSessionSnapshot,
  invoiceOfInvoicePayment,
  type PaymentMethodSnapshot,
  savedPaymentMethod,
} from "../../core/billing/stripe-objects";
import { PLAN_PRICES_CENTS, type Plan } from "../../core/plans/entitlements";
import { publicUrl } from "../email";
import type { Env } from "../env";
import {
  attachCardLocally,
  attachPaymentMethodLocally,
  defaultCardOf,
  detachCardLocally,
  setCustomerDefault,
} from "./local-cards";
import {
  DECLINED,
  invoiceAndChargeLocally,
  nextInvoiceNumber,
  settleLocally,
} from "./local-charges";
import { creditLocally, invoiceLocally, voidLocally } from "./local-invoices";
import {
  chargesSucceed,
  type LocalCheckoutSession,
  type LocalCustomer,
  type LocalInvoice,
  type LocalPaymentMethod,
  type LocalSubscription,
  newInvoice,
  newSetupIntent,
  newSubscription,
  planOfSubscription,
  priceObject,
} from "./local-objects";
import { refundLocally } from "./local-refunds";
import {
  clockNow,
  deleteCustomerObjects,
  emitEvent,
  type LocalObject,
  listObjects,
  localId,
  once,
  readObject,
  requireObject,
  writeObject,
} from "./local-store";
import {
  applyCouponLocally,
  changePlanLocally,
  createSubscriptionLocally,
} from "./local-subscriptions";
import type {
  BillingProvider,
  CheckoutInput,
  CouponInput,
  CreditNoteInput,
  ManualInvoiceInput,
  PaymentResult,
  PlanChangeInput,
  RefundInput,
  RefundOutcome,
  SubscriptionCreateInput,
} from "./provider";
import { checkoutMetadata, paymentFailed } from "./provider";

/**
 * Stands in for Stripe without keys (local and test environments): it keeps Stripe-shaped
 * objects of its own and reports every change as a signed event to the webhook, exactly
 * where Stripe's would arrive. Its checkout page is `api/routes/local-checkout.ts`.
 */
export class LocalProvider implements BillingProvider {
  readonly mode = "local" as const;

  constructor(private readonly env: Env) {}

  createCustomer(input: { userId: string; email: string; name: string }, key: string) {
    return once(this.env, key, async () => {
      const customer: LocalCustomer = {
        id: localId("cus"),
        object: "customer",
        email: input.email,
        name: input.name,
        // The stand-in for Stripe's own clock: Stripe stamps `created` itself, not our caller.
        created: Math.floor(Date.now() / 1000),
        invoice_settings: { default_payment_method: null },
        metadata: { user_id: input.userId },
      };
      await writeObject(this.env, customer, customer.id);
      return customer.id;
    });
  }

  startTrial(
    input: { userId: string; customerId: string; plan: Plan; trialDays: number },
    key: string,
  ) {
    return once(this.env, key, async () => {
      const now = await clockNow(this.env, input.customerId);
      const sub = newSubscription({ ...input, now, paymentMethodId: null });
      await this.saveAndEmit(sub, "customer.subscription.created", key);
      await this.invoiceAndCharge(sub, "subscription_create", [trialLine(sub)], null, key);
      return { subscriptionId: sub.id };
    });
  }

  createCheckout(input: CheckoutInput, key: string) {
    return once(this.env, key, async () => {
      const id = localId("cs");
      const now = await clockNow(this.env, input.customerId);
      const intent = input.mode === "setup" ? newSetupIntent(input.customerId, now) : null;
      if (intent) await writeObject(this.env, intent, input.customerId);
      const session: LocalCheckoutSession = {
        id,
        object: "checkout.session",
        mode: input.mode,
        status: "open",
        customer: input.customerId,
        client_reference_id: input.userId,
        subscription: null,
        setup_intent: intent?.id ?? null,
        url: publicUrl(this.env, `/local-checkout/${id}`),
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        amount_total:
          input.mode === "setup" || input.trialDays > 0 ? 0 : PLAN_PRICES_CENTS[input.plan],
        created: now,
        metadata: checkoutMetadata(input),
      };
      await writeObject(this.env, session, input.customerId);
      return { id, url: session.url };
    });
  }

  async setupPaymentMethod(session: CheckoutSessionSnapshot) {
    if (!session.setupIntentId) return null;
    return savedPaymentMethod(await requireObject(this.env, session.setupIntentId));
  }

  async upgrade(input: { subscriptionId: string; plan: Plan }, key: string) {
    await once(this.env, key, async () => {
      const sub = await requireObject<LocalSubscription>(this.env, input.subscriptionId);
      const from = planOfSubscription(sub);
      sub.metadata.pending_plan = "";
      if (sub.status === "trialing") {
        sub.items.data[0]!.price = priceObject(input.plan);
        await this.saveAndEmit(sub, "customer.subscription.updated", key);
        return true;
      }
      const item = sub.items.data[0]!;
      const now = await clockNow(this.env, sub.customer);
      const period = { start: item.current_period_start, end: item.current_period_end };
      const total = prorationCents(from, input.plan, period, now);
      const credit = prorationCents(from, "free", period, now);
      const lines = [
        { description: `Unused time on ${from} after upgrade`, amount: credit, proration: true },
        { description: `Remaining time on ${input.plan}`, amount: total - credit, proration: true },
      ];
      const draft = newInvoice({
        sub,
        now,
        reason: "subscription_update",
        lines,
        sequence: await this.nextNumber(sub.customer),
      });
      const pm = await this.defaultCard(sub);
      // Like Stripe's `error_if_incomplete`: a refused card leaves the plan as it was.
      if (draft.amount_due > 0 && (!pm || !chargesSucceed(pm))) {
        throw paymentFailed(pm ? DECLINED : "Add a payment method first.");
      }
      item.price = priceObject(input.plan);
      await this.saveAndEmit(sub, "customer.subscription.updated", key);
      await this.settle(draft, pm, key);
      return true;
    });
  }

  async scheduleDowngrade(input: { subscriptionId: string; plan: Plan }, key: string) {
    await this.updateSubscription(input.subscriptionId, key, (sub) => {
      sub.metadata.pending_plan = input.plan;
    });
  }

  async clearScheduledChange(subscriptionId: string, key: string) {
    await this.updateSubscription(subscriptionId, key, (sub) => {
      sub.metadata.pending_plan = "";
    });
  }

  async setCancelAtPeriodEnd(subscriptionId: string, cancel: boolean, key: string) {
    await this.updateSubscription(subscriptionId, key, async (sub) => {
      sub.cancel_at_period_end = cancel;
      sub.canceled_at = cancel ? await clockNow(this.env, sub.customer) : null;
      sub.cancellation_details = {
        reason: cancel ? "cancellation_requested" : null,
        comment: null,
      };
    });
  }

  async endForNonPayment(subscriptionId: string, key: string) {
    await once(this.env, key, async () => {
      const sub = await requireObject<LocalSubscription>(this.env, subscriptionId);
      if (sub.status === "canceled") return true;
      // Stripe's "mark the subscription unpaid" setting, then the cancellation that ends it.
      sub.status = "unpaid";
      sub.metadata.ended_reason = "unpaid";
      await this.saveAndEmit(sub, "customer.subscription.updated", key);
      await this.endSubscription(sub, "payment_failed", key);
      return true;
    });
  }

  attachPaymentMethod(input: { customerId: string; paymentMethodId: string }, key: string) {
    return once<PaymentMethodSnapshot>(this.env, key, () =>
      attachPaymentMethodLocally(this.env, input, key),
    );
  }

  /** Stores and announces a card; the declining test card never attaches. */
  attachCard(
    customerId: string,
    number: string,
    key: string,
    expiry?: CardExpiry,
  ): Promise<LocalPaymentMethod> {
    return attachCardLocally(this.env, customerId, number, key, expiry);
  }

  detachPaymentMethod(paymentMethodId: string) {
    return detachCardLocally(this.env, paymentMethodId);
  }

  async setDefaultPaymentMethod(
    input: { customerId: string; subscriptionId: string | null; paymentMethodId: string },
    key: string,
  ) {
    await setCustomerDefault(this.env, input.customerId, input.paymentMethodId, `${key}:customer`);
    if (input.subscriptionId) {
      await this.updateSubscription(input.subscriptionId, key, (sub) => {
        sub.default_payment_method = input.paymentMethodId;
      });
    }
  }

  payInvoice(input: { invoiceId: string; paymentMethodId: string | null }, key: string) {
    return once<PaymentResult>(this.env, key, async () => {
      const invoice = await requireObject<LocalInvoice>(this.env, input.invoiceId);
      if (invoice.status === "paid") return { paid: true, message: null };
      if (invoice.status !== "open")
        return { paid: false, message: `The invoice is ${invoice.status}.` };
      const subId = invoice.parent?.subscription_details.subscription;
      const sub = subId ? await readObject<LocalSubscription>(this.env, subId) : null;
      const pm = input.paymentMethodId
        ? await readObject<LocalPaymentMethod>(this.env, input.paymentMethodId)
        : await this.defaultCard(sub, invoice.customer);
      if (!pm || pm.customer !== invoice.customer)
        return { paid: false, message: "No usable payment method on file." };
      return this.settle(invoice, pm, key);
    });
  }

  refund(input: RefundInput, key: string) {
    return once<RefundOutcome>(this.env, key, () => refundLocally(this.env, input, key));
  }

  async cancelNow(subscriptionId: string, key: string) {
    await once(this.env, key, async () => {
      const sub = await requireObject<LocalSubscription>(this.env, subscriptionId);
      if (sub.status !== "canceled") await this.endSubscription(sub, "cancellation_requested", key);
      return true;
    });
  }

  /**
   * As Stripe does on `DELETE /v1/customers`: the customer's live subscriptions end (announced
   * like any cancellation), its cards and details go, its invoices stay.
   */
  async deleteCustomer(customerId: string) {
    const customer = await readObject<LocalCustomer>(this.env, customerId);
    if (!customer) return;
    for (const sub of await listObjects<LocalSubscription>(this.env, customerId, "subscription")) {
      if (sub.status !== "canceled")
        await this.endSubscription(sub, "cancellation_requested", null);
    }
    await deleteCustomerObjects(this.env, customerId);
  }

  async extendTrial(input: { subscriptionId: string; trialEnd: number }, key: string) {
    await this.updateSubscription(input.subscriptionId, key, (sub) => {
      // Stripe moves the trial's end and the first period's end with it.
      sub.trial_end = input.trialEnd;
      sub.items.data[0]!.current_period_end = input.trialEnd;
    });
  }

  voidInvoice(invoiceId: string, key: string) {
    return voidLocally(this.env, invoiceId, key);
  }

  createCreditNote(input: CreditNoteInput, key: string) {
    return creditLocally(this.env, input, key);
  }

  createInvoice(input: ManualInvoiceInput, key: string) {
    return invoiceLocally(this.env, input, key, (invoiceId, payKey) =>
      this.payInvoice({ invoiceId, paymentMethodId: null }, payKey),
    );
  }

  createSubscription(input: SubscriptionCreateInput, key: string) {
    return createSubscriptionLocally(this.env, this, input, key);
  }

  changePlan(input: PlanChangeInput, key: string) {
    return changePlanLocally(this.env, this, input, key);
  }

  applyCoupon(input: CouponInput, key: string) {
    return applyCouponLocally(this.env, this, input, key);
  }

  async customerOfCharge(chargeId: string) {
    const charge = await readObject<{ id: string; object: string; customer: string }>(
      this.env,
      chargeId,
    );
    return charge?.customer ?? null;
  }

  async invoiceOfPayment(paymentIntentId: string) {
    const intent = await readObject<LocalObject & { customer: string }>(this.env, paymentIntentId);
    if (!intent) return null;
    const payments = await listObjects<LocalObject>(this.env, intent.customer, "invoice_payment");
    const paid = payments.find(
      (payment) =>
        (payment.payment as { payment_intent?: string }).payment_intent === paymentIntentId,
    );
    return paid ? invoiceOfInvoicePayment(paid) : null;
  }

  // --- shared by checkout, the test clock and the methods above ---------------------------

  async saveAndEmit(sub: LocalSubscription, type: string, key: string | null = null) {
    await writeObject(this.env, sub, sub.customer);
    await emitEvent(this.env, type, sub, sub.customer, key);
  }

  private async updateSubscription(
    id: string,
    key: string,
    change: (sub: LocalSubscription) => void | Promise<void>,
  ) {
    await once(this.env, key, async () => {
      const sub = await requireObject<LocalSubscription>(this.env, id);
      await change(sub);
      await this.saveAndEmit(sub, "customer.subscription.updated", key);
      return true;
    });
  }

  async endSubscription(sub: LocalSubscription, reason: string, key: string | null) {
    const now = await clockNow(this.env, sub.customer);
    sub.status = "canceled";
    sub.ended_at = now;
    sub.canceled_at ??= now;
    sub.cancellation_details = { reason, comment: null };
    await this.saveAndEmit(sub, "customer.subscription.deleted", key);
  }

  defaultCard(
    sub: LocalSubscription | null,
    customerId = sub?.customer ?? "",
  ): Promise<LocalPaymentMethod | null> {
    return defaultCardOf(this.env, sub, customerId);
  }

  private nextNumber(customerId: string) {
    return nextInvoiceNumber(this.env, customerId);
  }

  invoiceAndCharge(
    sub: LocalSubscription,
    reason: "subscription_create" | "subscription_cycle",
    lines: { description: string; amount: number; proration: boolean }[],
    pm: LocalPaymentMethod | null,
    key: string | null,
  ): Promise<PaymentResult> {
    return invoiceAndChargeLocally(this.env, { sub, reason, lines, pm }, key);
  }

  private settle(invoice: LocalInvoice, pm: LocalPaymentMethod | null, key: string | null) {
    return settleLocally(this.env, invoice, pm, key);
  }
}

export const trialLine = (sub: LocalSubscription) => ({
  description: `Trial period for ${planOfSubscription(sub)}`,
  amount: 0,
  proration: false,
});
