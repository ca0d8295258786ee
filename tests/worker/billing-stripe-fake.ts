import { vi } from "vitest";
import { stripeFixture } from "./stripe-fixtures";

/**
 * api.stripe.com as the Stripe SDK sees it, by intercepting `fetch` (the Worker runs in the
 * test's isolate, so the SDK's requests land here; oauth-fake-provider.ts does the same for
 * the OAuth providers). It answers every endpoint billing calls, with objects built from
 * Stripe's published fixtures (tests/fixtures/stripe/) in the pinned version's shape, and
 * refuses what Stripe refuses (a schedule update that moves the current phase's start, a
 * declined card). Every request is recorded with its form parameters and idempotency key so
 * a test can assert exactly what the app asked Stripe for; like Stripe, a repeated
 * idempotency key gets the first answer again.
 */
export interface StripeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  idempotencyKey: string | null;
}

type StripeObject = Record<string, unknown> & { id: string };
type Item = {
  id: string;
  price: { id: string };
  current_period_start: number;
  current_period_end: number;
};
type Subscription = StripeObject & { items: { data: Item[] }; metadata: Record<string, string> };

export const STRIPE_SECRET_KEY = "sk_test_fake_billing_suite";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Request-Id": `req_${crypto.randomUUID()}` },
  });

const stripeError = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  json({ error: { type: "invalid_request_error", message, ...extra } }, status);

/** What Stripe answers when a card is refused (the SDK makes it a `StripeCardError`). */
const cardDeclined = () =>
  stripeError(402, "Your card was declined.", {
    type: "card_error",
    code: "card_declined",
    decline_code: "generic_decline",
  });

/** `metadata[plan]=standard` → `{ plan: "standard" }`. */
const nested = (params: Record<string, string>, name: string) =>
  Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const match = key.match(new RegExp(`^${name.replace(/[[\]]/g, "\\$&")}\\[(\\w+)\\]$`));
      return match ? [[match[1]!, value]] : [];
    }),
  );

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

export function fakeStripe() {
  const requests: StripeRequest[] = [];
  const objects = new Map<string, StripeObject>();
  const replies = new Map<string, { status: number; body: string }>();
  const declining = new Set<string>();
  const versions = new Set<string | null>();
  const realFetch = globalThis.fetch;
  let counter = 0;
  const newId = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${++counter}`;
  const now = () => Math.floor(Date.now() / 1000);
  const save = <T extends StripeObject>(object: T) => {
    objects.set(object.id, object);
    return object;
  };
  const list = (data: StripeObject[], url: string) => ({
    object: "list",
    data,
    has_more: false,
    url,
  });
  const idOf = (value: unknown) =>
    typeof value === "string" ? value : ((value as { id?: string } | null)?.id ?? null);

  /** The card Stripe would charge for a subscription or an invoice of `customer`. */
  const chargedCard = (customer: string, named?: unknown) => {
    const own = idOf(named);
    if (own) return own;
    const settings = objects.get(customer)?.invoice_settings as {
      default_payment_method?: unknown;
    };
    return idOf(settings?.default_payment_method);
  };

  /** A subscription as Stripe creates one, active or in its trial. */
  function newSubscription(input: {
    customer: string;
    price: string;
    paymentMethod: string | null;
    trialDays: number;
    metadata?: Record<string, string>;
  }) {
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
  function createSubscription(params: Record<string, string>) {
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
    const sub = newSubscription({
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

  function updateSubscription(sub: Subscription, params: Record<string, string>) {
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
      sub.discounts = [
        save({ id: newId("di"), object: "discount", coupon: objects.get(coupon) }).id,
      ];
    }
    sub.metadata = { ...sub.metadata, ...nested(params, "metadata") };
    for (const [key, value] of Object.entries(sub.metadata))
      if (value === "") delete sub.metadata[key];
    return json(sub);
  }

  function updateSchedule(schedule: StripeObject, params: Record<string, string>) {
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

  /**
   * `POST /v1/refunds` against a charge or a PaymentIntent's charge: refused past what the
   * charge has not yet refunded, with Stripe's codes. The refund is the fields Stripe's has
   * that billing reads (there is no refund fixture among ours).
   */
  function refund(params: Record<string, string>) {
    const charge = params.charge
      ? objects.get(params.charge)
      : [...objects.values()].find(
          (object) => object.object === "charge" && object.payment_intent === params.payment_intent,
        );
    if (!charge) return stripeError(404, "No such charge", { code: "resource_missing" });
    const left = (charge.amount as number) - (charge.amount_refunded as number);
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (left <= 0)
      return stripeError(400, `Charge ${charge.id} has already been refunded.`, {
        code: "charge_already_refunded",
      });
    if (amount > left)
      return stripeError(400, "Refund amount is greater than unrefunded amount on charge", {
        code: "amount_too_large",
        param: "amount",
      });
    charge.amount_refunded = (charge.amount_refunded as number) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    return json(
      save({
        id: newId("re"),
        object: "refund",
        amount,
        charge: charge.id,
        payment_intent: charge.payment_intent ?? null,
        currency: charge.currency ?? "usd",
        reason: params.reason ?? null,
        status: "succeeded",
        metadata: nested(params, "metadata"),
        created: now(),
      }),
    );
  }

  /**
   * `POST /v1/credit_notes` against a paid invoice, credited to the customer's balance: refused
   * past what was paid and is neither refunded nor credited, as Stripe refuses it. Built from the
   * fields Stripe's credit note has that billing reads (there is no fixture among ours).
   */
  function creditNote(params: Record<string, string>) {
    const invoice = objects.get(params.invoice ?? "");
    if (!invoice) return stripeError(404, "No such invoice", { code: "resource_missing" });
    if (invoice.status !== "paid")
      return stripeError(400, "You can only issue a credit note against a paid invoice here.");
    const intents = [...objects.values()]
      .filter((o) => o.object === "invoice_payment" && o.invoice === invoice.id)
      .map((o) => (o.payment as { payment_intent?: string }).payment_intent);
    const refunded = [...objects.values()]
      .filter((o) => o.object === "charge" && intents.includes(o.payment_intent as string))
      .reduce((sum, o) => sum + ((o.amount_refunded as number) ?? 0), 0);
    const notes = [...objects.values()].filter(
      (o) => o.object === "credit_note" && o.invoice === invoice.id && o.status === "issued",
    );
    const credited = notes.reduce((sum, o) => sum + (o.amount as number), 0);
    const amount = Number(params.amount);
    if (amount > (invoice.amount_paid as number) - refunded - credited)
      return stripeError(
        400,
        "The credit note amount exceeds the amount remaining on the invoice.",
        { param: "amount" },
      );
    return json(
      save({
        id: newId("cn"),
        object: "credit_note",
        invoice: invoice.id,
        customer: invoice.customer,
        number: `${invoice.number}-CN-${notes.length + 1}`,
        amount,
        total: amount,
        credit_amount: Number(params.credit_amount ?? 0),
        currency: invoice.currency ?? "usd",
        reason: params.reason ?? null,
        memo: params.memo ?? null,
        metadata: nested(params, "metadata"),
        status: "issued",
        type: "post_payment",
        created: now(),
      }),
    );
  }

  function route(method: string, path: string, params: Record<string, string>): Response {
    const [, , resource, id, action] = path.split("/");
    const existing = id ? objects.get(id) : undefined;
    const missing = () =>
      stripeError(404, `No such ${resource}: '${id}'`, { code: "resource_missing" });

    if (method === "POST" && path === "/v1/customers") {
      return json(
        save(
          stripeFixture("customer", {
            id: newId("cus"),
            email: params.email ?? null,
            name: params.name ?? null,
            metadata: nested(params, "metadata"),
            created: now(),
          }),
        ),
      );
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const sessionId = newId("cs_test");
      const intent =
        params.mode === "setup"
          ? save(
              stripeFixture("setup_intent", {
                id: newId("seti"),
                customer: params.customer ?? null,
                created: now(),
              }),
            )
          : null;
      return json(
        save(
          stripeFixture("checkout.session", {
            id: sessionId,
            mode: params.mode,
            customer: params.customer ?? null,
            client_reference_id: params.client_reference_id ?? null,
            currency: params.currency ?? "usd",
            metadata: nested(params, "metadata"),
            setup_intent: intent?.id ?? null,
            success_url: params.success_url,
            cancel_url: params.cancel_url,
            url: `https://checkout.stripe.com/c/pay/${sessionId}`,
            created: now(),
          }),
        ),
      );
    }
    if (method === "POST" && path === "/v1/subscription_schedules") {
      const sub = objects.get(params.from_subscription ?? "") as Subscription | undefined;
      if (!sub) return stripeError(404, `No such subscription: '${params.from_subscription}'`);
      if (sub.schedule)
        return stripeError(400, "The subscription is already attached to a schedule.");
      const item = sub.items.data[0]!;
      const schedule = save(
        stripeFixture("subscription_schedule", {
          id: newId("sub_sched"),
          customer: sub.customer,
          subscription: sub.id,
          status: "active",
          canceled_at: null,
          completed_at: null,
          released_at: null,
          released_subscription: null,
          current_phase: {
            start_date: item.current_period_start,
            end_date: item.current_period_end,
          },
          created: now(),
        }),
      );
      sub.schedule = schedule.id;
      return json(schedule);
    }
    if (method === "GET" && path === "/v1/invoice_payments") {
      const intent = params["payment[payment_intent]"];
      const matches = [...objects.values()].filter(
        (object) =>
          object.object === "invoice_payment" &&
          (params.invoice === undefined || object.invoice === params.invoice) &&
          (intent === undefined ||
            (object.payment as { payment_intent?: string }).payment_intent === intent),
      );
      return json(list(matches.slice(0, Number(params.limit ?? 10)), "/v1/invoice_payments"));
    }

    if (method === "POST" && path === "/v1/refunds") return refund(params);
    if (method === "POST" && path === "/v1/credit_notes") return creditNote(params);
    if (method === "POST" && path === "/v1/invoices") {
      // A draft with no lines yet (`pending_invoice_items_behavior: exclude`).
      return json(
        save(
          stripeFixture("invoice", {
            id: newId("in"),
            customer: params.customer,
            status: "draft",
            number: null,
            collection_method: params.collection_method,
            billing_reason: "manual",
            amount_due: 0,
            amount_paid: 0,
            amount_remaining: 0,
            total: 0,
            subtotal: 0,
            attempt_count: 0,
            subscription: null,
            parent: null,
            lines: { data: [] },
            metadata: nested(params, "metadata"),
            status_transitions: { paid_at: null },
            created: now(),
          }),
        ),
      );
    }
    if (method === "POST" && path === "/v1/invoiceitems") {
      const invoice = objects.get(params.invoice ?? "");
      if (invoice?.status !== "draft")
        return stripeError(400, "Invoice items can only be added to a draft invoice.");
      const amount = Number(params.amount);
      (invoice.lines as { data: object[] }).data.push({
        id: newId("il"),
        object: "line_item",
        invoice: invoice.id,
        amount,
        currency: params.currency,
        description: params.description,
        parent: { type: "invoice_item_details", invoice_item_details: { proration: false } },
      });
      for (const field of ["amount_due", "amount_remaining", "total", "subtotal"])
        invoice[field] = (invoice[field] as number) + amount;
      return json(save({ id: newId("ii"), object: "invoiceitem", invoice: invoice.id, amount }));
    }
    if (method === "POST" && path === "/v1/subscriptions") return createSubscription(params);
    if (method === "POST" && path === "/v1/coupons") {
      const number = (name: string) => (params[name] === undefined ? null : Number(params[name]));
      return json(
        save({
          id: newId("co"),
          object: "coupon",
          percent_off: number("percent_off"),
          amount_off: number("amount_off"),
          currency: params.currency ?? null,
          duration: params.duration,
          duration_in_months: number("duration_in_months"),
          max_redemptions: number("max_redemptions"),
          metadata: nested(params, "metadata"),
          valid: true,
          created: now(),
        }),
      );
    }

    if (!id || !existing) return missing();
    if (method === "GET" && !action) return json(existing);
    if (method === "DELETE" && resource === "subscriptions" && !action) {
      existing.status = "canceled";
      existing.canceled_at = now();
      existing.ended_at = now();
      return json(existing);
    }
    if (method !== "POST") return stripeError(404, `Unrecognized request URL (${method}: ${path})`);
    if (resource === "customers" && !action) {
      const pm = params["invoice_settings[default_payment_method]"];
      if (pm !== undefined)
        existing.invoice_settings = {
          ...(existing.invoice_settings as object),
          default_payment_method: pm,
        };
      return json(existing);
    }
    if (resource === "payment_methods" && action === "attach") {
      // a PaymentMethod made by Stripe.js (or a pm_card_* test token), attached to a customer
      existing.customer = params.customer ?? null;
      return json(existing);
    }
    if (resource === "payment_methods" && action === "detach") {
      existing.customer = null;
      return json(existing);
    }
    if (resource === "subscriptions" && !action)
      return updateSubscription(existing as Subscription, params);
    if (resource === "subscription_schedules" && !action) return updateSchedule(existing, params);
    if (resource === "subscription_schedules" && action === "release") {
      existing.status = "released";
      existing.released_subscription = existing.subscription;
      const sub = objects.get(existing.subscription as string);
      if (sub) sub.schedule = null;
      existing.subscription = null;
      return json(existing);
    }
    if (resource === "invoices" && action === "finalize") {
      if (existing.status !== "draft")
        return stripeError(400, "This invoice is already finalized.");
      existing.status = "open";
      existing.number = `FAKE-${++counter}`;
      return json(existing);
    }
    if (resource === "invoices" && action === "send") {
      if (existing.status !== "open") return stripeError(400, "Only an open invoice can be sent.");
      return json(existing);
    }
    if (resource === "invoices" && action === "void") {
      // Stripe voids only a finalized, unpaid invoice.
      if (existing.status !== "open")
        return stripeError(400, `You can only void open invoices; this one is ${existing.status}.`);
      existing.status = "void";
      existing.amount_remaining = 0;
      existing.status_transitions = {
        ...(existing.status_transitions as object),
        voided_at: now(),
      };
      return json(existing);
    }
    if (resource === "invoices" && action === "pay") {
      if (existing.status === "paid") return stripeError(400, "Invoice is already paid");
      // As Stripe: the named card, else the invoice's subscription's, else the customer's.
      const parent = existing.parent as { subscription_details?: { subscription?: string } };
      const sub = objects.get(parent?.subscription_details?.subscription ?? "");
      const card = chargedCard(
        existing.customer as string,
        params.payment_method ?? sub?.default_payment_method,
      );
      if (!card) return stripeError(400, "There is no payment method to charge.");
      if (declining.has(card)) return cardDeclined();
      existing.status = "paid";
      existing.amount_paid = existing.amount_due;
      existing.amount_remaining = 0;
      existing.attempt_count = (existing.attempt_count as number) + 1;
      existing.status_transitions = { ...(existing.status_transitions as object), paid_at: now() };
      return json(existing);
    }
    return stripeError(404, `Unrecognized request URL (${method}: ${path})`);
  }

  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== "https://api.stripe.com") return realFetch(input, init);
    const request = new Request(input, init);
    if (request.headers.get("authorization") !== `Bearer ${STRIPE_SECRET_KEY}`)
      return stripeError(401, "Invalid API Key provided");
    const body =
      request.method === "GET"
        ? url.search.slice(1)
        : new TextDecoder().decode(await request.arrayBuffer());
    const params = Object.fromEntries(new URLSearchParams(body));
    const idempotencyKey = request.headers.get("idempotency-key");
    versions.add(request.headers.get("stripe-version"));
    requests.push({ method: request.method, path: url.pathname, params, idempotencyKey });
    const replayed = idempotencyKey ? replies.get(idempotencyKey) : undefined;
    if (replayed) return json(JSON.parse(replayed.body), replayed.status);
    const response = route(request.method, url.pathname, params);
    if (idempotencyKey) {
      replies.set(idempotencyKey, { status: response.status, body: await response.clone().text() });
    }
    return response;
  });

  return {
    requests,
    /** The API versions requests named (the SDK sends `Stripe-Version`). */
    versions,
    /** The requests to one endpoint, e.g. `POST /v1/checkout/sessions`. */
    to: (method: string, path: string | RegExp) =>
      requests.filter(
        (r) =>
          r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
      ),
    object: <T = StripeObject>(id: string) => objects.get(id) as T | undefined,
    /** A subscription Stripe holds (started at checkout, outside these requests). */
    addSubscription: (input: { customer: string; price: string; paymentMethod: string }) =>
      newSubscription({ ...input, trialDays: 0 }),
    /** A card as Stripe attaches it to a customer; `declines` makes every charge to it fail. */
    addCard(
      customer: string,
      brand = "visa",
      last4 = "4242",
      options: { declines?: boolean } = {},
    ) {
      const card = save(
        stripeFixture("payment_method", {
          id: newId("pm"),
          customer,
          metadata: {},
          card: { brand, display_brand: brand, last4, exp_month: 12, exp_year: 2040 },
          created: now(),
        }),
      );
      if (options.declines) declining.add(card.id);
      return card;
    },
    /** A schedule Stripe already holds for a subscription (made in the Dashboard, say). */
    addSchedule(subscriptionId: string, currentPhase: { start_date: number; end_date: number }) {
      const sub = objects.get(subscriptionId) as Subscription;
      const schedule = save(
        stripeFixture("subscription_schedule", {
          id: newId("sub_sched"),
          customer: sub.customer,
          subscription: sub.id,
          status: "active",
          current_phase: currentPhase,
          created: currentPhase.start_date,
        }),
      );
      sub.schedule = schedule.id;
      return schedule;
    },
    /**
     * An invoice of a subscription, with the payment Stripe links it to: a PaymentIntent,
     * its charge, and the `invoice_payment` naming that PaymentIntent (a charge no longer
     * names its invoice).
     */
    addInvoice(input: {
      customer: string;
      subscription: string;
      amount: number;
      status: "open" | "paid";
      lines?: Record<string, unknown>[];
    }) {
      const invoiceId = newId("in");
      const intent = newId("pi");
      const base = stripeFixture<StripeObject & { lines: { data: StripeObject[] } }>("invoice");
      const invoice = save(
        stripeFixture("invoice", {
          id: invoiceId,
          customer: input.customer,
          status: input.status,
          number: `FAKE-${counter}`,
          billing_reason: "subscription_cycle",
          amount_due: input.amount,
          amount_paid: input.status === "paid" ? input.amount : 0,
          amount_remaining: input.status === "paid" ? 0 : input.amount,
          total: input.amount,
          subtotal: input.amount,
          attempt_count: 1,
          subscription: null,
          parent: {
            type: "subscription_details",
            quote_details: null,
            subscription_details: { metadata: {}, subscription: input.subscription },
          },
          lines: {
            data: input.lines ?? [
              { ...base.lines.data[0], id: newId("il"), invoice: invoiceId, amount: input.amount },
            ],
          },
          status_transitions: { paid_at: input.status === "paid" ? now() : null },
          created: now(),
        }),
      );
      const charge = save(
        stripeFixture("charge", {
          id: newId("ch"),
          customer: input.customer,
          amount: input.amount,
          amount_captured: input.amount,
          captured: true,
          payment_intent: intent,
          payment_method: chargedCard(input.customer),
          created: now(),
        }),
      );
      save(
        stripeFixture("invoice_payment", {
          id: newId("inpay"),
          invoice: invoiceId,
          currency: "usd",
          amount_requested: input.amount,
          amount_paid: input.status === "paid" ? input.amount : null,
          livemode: false,
          status: input.status === "paid" ? "paid" : "open",
          payment: { type: "payment_intent", payment_intent: intent },
          created: now(),
        }),
      );
      return { invoice, charge };
    },
    /** What Stripe Checkout does when the person saves a card: the session's SetupIntent succeeds. */
    completeSetup(sessionId: string, paymentMethodId: string) {
      const session = objects.get(sessionId)!;
      const intent = objects.get(session.setup_intent as string)!;
      intent.status = "succeeded";
      intent.payment_method = paymentMethodId;
      session.status = "complete";
      return session;
    },
    restore: () => spy.mockRestore(),
  };
}
