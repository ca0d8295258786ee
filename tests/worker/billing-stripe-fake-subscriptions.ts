import {
  cardDeclined,
  type FakeState,
  json,
  nested,
  type StripeObject,
  type Subscription,
  stripeError,
  stripeFixture,
} from "./billing-stripe-fake-kit";

/**
 * The fake api.stripe.com's subscriptions and subscription schedules (billing-stripe-fake.ts):
 * created, updated and scheduled as Stripe does, refusing what Stripe refuses.
 */
/** `phases[1][items][0][price]=…` → the phases as objects (the fields the fake keeps). */
function phasesOf(params: Record<string, string>) {
  const phases: {
    start_date?: number;
    end_date?: number;
    price?: string;
    metadata: Record<string, string>;
  }[] = [];
  for (let i = 0; params[`phases[${i}][items][0][price]`] !== undefined; i++) {
    const start = params[`phases[${i}][start_date]`];
    const end = params[`phases[${i}][end_date]`];
    phases.push({
      ...(start === undefined ? {} : { start_date: Number(start) }),
      ...(end === undefined ? {} : { end_date: Number(end) }),
      price: params[`phases[${i}][items][0][price]`],
      metadata: nested(params, `phases[${i}][metadata]`),
    });
  }
  return phases;
}

/** A subscription as Stripe creates one, active or in its trial. */
export function newSubscription(
  state: FakeState,
  input: {
    customer: string;
    price: string;
    paymentMethod: string | null;
    trialDays: number;
    metadata?: Record<string, string>;
  },
) {
  const { save, newId, now } = state;
  const start = now();
  const trialEnd = input.trialDays > 0 ? start + input.trialDays * 86_400 : null;
  const base = stripeFixture<Subscription>("subscription");
  const item = base.items.data[0]!;
  return save(
    stripeFixture<Subscription>("subscription", {
      id: newId("sub"),
      customer: input.customer,
      status: trialEnd ? "trialing" : "active",
      cancel_at_period_end: false,
      canceled_at: null,
      cancel_at: null,
      ended_at: null,
      trial_start: trialEnd ? start : null,
      trial_end: trialEnd,
      schedule: null,
      default_payment_method: input.paymentMethod,
      metadata: input.metadata ?? {},
      items: {
        data: [
          {
            ...item,
            id: newId("si"),
            price: { ...item.price, id: input.price },
            current_period_start: start,
            current_period_end: trialEnd ?? start + 30 * 86_400,
          },
        ],
      },
      created: start,
      start_date: start,
      billing_cycle_anchor: start,
    }),
  );
}

/**
 * `POST /v1/subscriptions`: charged at once with `error_if_incomplete`, a missing or declining
 * card refuses it as Stripe does; a trial or `send_invoice` charges nothing now.
 */
export function createSubscription(state: FakeState, params: Record<string, string>) {
  const { objects, chargedCard, declining } = state;
  const customer = params.customer ?? "";
  if (objects.get(customer)?.object !== "customer")
    return stripeError(400, `No such customer: '${customer}'`, { code: "resource_missing" });
  const trialDays = Number(params.trial_period_days ?? 0);
  const card = chargedCard(customer);
  if (params.collection_method !== "send_invoice" && trialDays === 0) {
    if (!card) return stripeError(400, "This customer has no attached payment source");
    if (params.payment_behavior === "error_if_incomplete" && declining.has(card))
      return cardDeclined();
  }
  const sub = newSubscription(state, {
    customer,
    price: params["items[0][price]"] ?? "",
    paymentMethod: null,
    trialDays,
    metadata: nested(params, "metadata"),
  });
  Object.assign(sub, {
    collection_method: params.collection_method ?? "charge_automatically",
    days_until_due: params.days_until_due === undefined ? null : Number(params.days_until_due),
  });
  return json(sub);
}

export function updateSubscription(
  state: FakeState,
  sub: Subscription,
  params: Record<string, string>,
) {
  const { objects, save, newId, chargedCard, declining } = state;
  if (params.default_payment_method !== undefined)
    sub.default_payment_method = params.default_payment_method;
  if (params.cancel_at_period_end !== undefined)
    sub.cancel_at_period_end = params.cancel_at_period_end === "true";
  if (params.trial_end !== undefined) {
    // Stripe moves the trial's end and the first period's end with it.
    sub.trial_end = Number(params.trial_end);
    sub.items.data[0]!.current_period_end = Number(params.trial_end);
  }
  const price = params["items[0][price]"];
  if (price !== undefined) {
    const item = sub.items.data.find((entry) => entry.id === params["items[0][id]"]);
    if (!item) return stripeError(400, `Invalid subscription item: ${params["items[0][id]"]}`);
    // An immediate change invoiced now: a refused card leaves the subscription as it was.
    const card = chargedCard(sub.customer as string, sub.default_payment_method);
    if (params.payment_behavior === "error_if_incomplete" && card && declining.has(card))
      return cardDeclined();
    item.price = {
      ...stripeFixture<Subscription>("subscription").items.data[0]!.price,
      id: price,
    };
  }
  const coupon = params["discounts[0][coupon]"];
  if (coupon !== undefined) {
    if (objects.get(coupon)?.object !== "coupon")
      return stripeError(400, `No such coupon: '${coupon}'`, { code: "resource_missing" });
    // The subscription's discounts are listed by id, each naming the coupon.
    sub.discounts = [save({ id: newId("di"), object: "discount", coupon: objects.get(coupon) }).id];
  }
  sub.metadata = { ...sub.metadata, ...nested(params, "metadata") };
  for (const [key, value] of Object.entries(sub.metadata))
    if (value === "") delete sub.metadata[key];
  return json(sub);
}

export function updateSchedule(
  state: FakeState,
  schedule: StripeObject,
  params: Record<string, string>,
) {
  const { objects } = state;
  const phases = phasesOf(params);
  const current = schedule.current_phase as { start_date: number; end_date: number };
  if (phases[0] && phases[0].start_date !== current.start_date)
    return stripeError(400, "You can not modify the start date of the current phase.", {
      param: "phases[0][start_date]",
    });
  schedule.end_behavior = params.end_behavior ?? schedule.end_behavior;
  schedule.phases = phases.map((phase) => ({
    ...stripeFixture<StripeObject & { phases: object[] }>("subscription_schedule").phases[0],
    start_date: phase.start_date,
    end_date: phase.end_date ?? null,
    items: [{ price: phase.price, quantity: 1, metadata: {} }],
    metadata: phase.metadata,
  }));
  // The current phase's metadata is the subscription's now.
  const sub = objects.get(schedule.subscription as string) as Subscription;
  if (phases[0]) sub.metadata = { ...sub.metadata, ...phases[0].metadata };
  return json(schedule);
}
