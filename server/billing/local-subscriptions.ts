import type { CouponDuration } from "../../core/contract/admin-payments-subscriptions";
import { PLAN_PRICES_CENTS } from "../../core/plans/entitlements";
import type { Env } from "../env";
import { sendLocalInvoice } from "./local-invoices";
import {
  chargesSucceed,
  LOCAL_PERIOD_SECONDS,
  type LocalSubscription,
  newInvoice,
  newSubscription,
  priceObject,
} from "./local-objects";
import { type LocalProvider, trialLine } from "./local-provider";
import {
  clockNow,
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
  type CouponInput,
  type PlanChangeInput,
  paymentFailed,
  type SubscriptionCreateInput,
} from "./provider";

/**
 * The local provider's admin changes to subscriptions (README "Admin: payments"), kept out of
 * local-provider.ts: one made by hand, a forced plan change and a coupon, reported as Stripe
 * reports them (`customer.subscription.*`, then the invoices).
 */

interface LocalCoupon extends LocalObject {
  object: "coupon";
  percent_off: number | null;
  amount_off: number | null;
  duration: CouponDuration;
  duration_in_months: number | null;
}

/** As Stripe's: the coupon applied to one subscription, from `start` to `end` (null: no end). */
interface LocalDiscount extends LocalObject {
  object: "discount";
  coupon: LocalCoupon;
  start: number;
  end: number | null;
  subscription: string;
}

/** Stripe lists a subscription's discounts by id. */
type DiscountedSubscription = LocalSubscription & { discounts?: string[] };

/**
 * As Stripe makes one: a trial invoices nothing yet; charged now, a refused or missing card
 * creates nothing (`error_if_incomplete`); sent, the first invoice is finalized open
 * (`invoice.finalized`) and emailed for the customer to pay.
 */
export function createSubscriptionLocally(
  env: Env,
  provider: LocalProvider,
  input: SubscriptionCreateInput,
  key: string,
) {
  return once(env, key, async () => {
    const now = await clockNow(env, input.customerId);
    const sub = newSubscription({ ...input, now, paymentMethodId: null });
    const line = {
      description: `${input.plan} plan, monthly`,
      amount: PLAN_PRICES_CENTS[input.plan],
      proration: false,
    };
    if (input.trialDays > 0) {
      await provider.saveAndEmit(sub, "customer.subscription.created", key);
      await provider.invoiceAndCharge(sub, "subscription_create", [trialLine(sub)], null, key);
    } else if (input.collection === "charge") {
      const pm = await provider.defaultCard(null, input.customerId);
      if (!pm || !chargesSucceed(pm))
        throw paymentFailed(pm ? null : "The account has no card on file.");
      await provider.saveAndEmit(sub, "customer.subscription.created", key);
      await provider.invoiceAndCharge(sub, "subscription_create", [line], pm, key);
    } else {
      await provider.saveAndEmit(sub, "customer.subscription.created", key);
      const sequence = (await listObjects(env, input.customerId, "invoice")).length + 1;
      const invoice = {
        ...newInvoice({ sub, now, reason: "subscription_create", lines: [line], sequence }),
        collection_method: "send_invoice",
        due_date: now + input.daysUntilDue * 86_400,
      };
      await writeObject(env, invoice, input.customerId);
      await emitEvent(env, "invoice.finalized", invoice, input.customerId, key);
      await sendLocalInvoice(env, invoice);
    }
    return { subscriptionId: sub.id };
  });
}

/**
 * With proration it is the customer's own upgrade path (credit for the unused time, the new
 * plan's remainder invoiced and charged now, a refused card changing nothing), which gives a
 * downgrade a credit line and nothing to pay. Without, the price changes and the next cycle
 * bills it.
 */
export async function changePlanLocally(
  env: Env,
  provider: LocalProvider,
  input: PlanChangeInput,
  key: string,
) {
  if (input.prorate) {
    await provider.upgrade({ subscriptionId: input.subscriptionId, plan: input.plan }, key);
    return;
  }
  await once(env, key, async () => {
    const sub = await requireObject<LocalSubscription>(env, input.subscriptionId);
    sub.items.data[0]!.price = priceObject(input.plan);
    sub.metadata.pending_plan = "";
    await provider.saveAndEmit(sub, "customer.subscription.updated", key);
    return true;
  });
}

export function applyCouponLocally(
  env: Env,
  provider: LocalProvider,
  input: CouponInput,
  key: string,
) {
  return once(env, key, async () => {
    const sub = await requireObject<DiscountedSubscription>(env, input.subscriptionId);
    const now = await clockNow(env, sub.customer);
    const coupon: LocalCoupon = {
      id: localId("coupon"),
      object: "coupon",
      percent_off: input.percentOff,
      amount_off: input.amountOffCents,
      currency: input.amountOffCents === null ? null : "usd",
      duration: input.duration,
      duration_in_months: input.durationInMonths,
      max_redemptions: 1,
      times_redeemed: 1,
      valid: true,
      created: now,
      metadata: input.metadata,
    };
    const discount: LocalDiscount = {
      id: localId("di"),
      object: "discount",
      coupon,
      start: now,
      // The local provider's months are its 30-day periods.
      end:
        input.durationInMonths === null
          ? null
          : now + input.durationInMonths * LOCAL_PERIOD_SECONDS,
      subscription: sub.id,
      customer: sub.customer,
    };
    await writeObject(env, coupon, sub.customer);
    await writeObject(env, discount, sub.customer);
    sub.discounts = [discount.id];
    await provider.saveAndEmit(sub, "customer.subscription.updated", key);
    return { couponId: coupon.id };
  });
}

/**
 * The discount line of a cycle's invoice (negative), or null. A `once` coupon is used up by
 * it and a `repeating` one that has run out drops off, as in Stripe; the caller saves `sub`.
 */
export async function discountLine(
  env: Env,
  sub: LocalSubscription,
  subtotal: number,
  now: number,
): Promise<{ description: string; amount: number; proration: false } | null> {
  const discounted = sub as DiscountedSubscription;
  const [id] = discounted.discounts ?? [];
  const discount = id ? await readObject<LocalDiscount>(env, id) : null;
  if (!discount || (discount.end !== null && now >= discount.end)) {
    if (id) discounted.discounts = [];
    return null;
  }
  const { coupon } = discount;
  if (coupon.duration === "once") discounted.discounts = [];
  const off =
    coupon.percent_off !== null
      ? Math.round((subtotal * coupon.percent_off) / 100)
      : Math.min(coupon.amount_off ?? 0, subtotal);
  const label =
    coupon.percent_off !== null ? `${coupon.percent_off}% off` : `${coupon.amount_off} cents off`;
  return { description: `Discount (${label})`, amount: -off, proration: false };
}
