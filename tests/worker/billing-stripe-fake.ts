import { vi } from "vitest";
import {
  addInvoice,
  createInvoiceOrItem,
  creditNote,
  invoiceAction,
  refund,
} from "./billing-stripe-fake-invoices";
import {
  type FakeState,
  json,
  nested,
  type StripeObject,
  type Subscription,
  stripeError,
  stripeFixture,
} from "./billing-stripe-fake-kit";
import {
  createSubscription,
  newSubscription,
  updateSchedule,
  updateSubscription,
} from "./billing-stripe-fake-subscriptions";

/**
 * api.stripe.com as the Stripe SDK sees it, by intercepting `fetch` (the Worker runs in the
 * test's isolate, so the SDK's requests land here; oauth-fake-provider.ts does the same for
 * the OAuth providers). It answers every endpoint billing calls, with objects built from
 * Stripe's published fixtures (tests/fixtures/stripe/) in the pinned version's shape, and
 * refuses what Stripe refuses (a schedule update that moves the current phase's start, a
 * declined card). Every request is recorded with its form parameters and idempotency key so
 * a test can assert exactly what the app asked Stripe for; like Stripe, a repeated
 * idempotency key gets the first answer again. By resource: subscriptions and schedules in
 * billing-stripe-fake-subscriptions.ts, invoices, refunds and credit notes in
 * billing-stripe-fake-invoices.ts, what they share in billing-stripe-fake-kit.ts.
 */
export interface StripeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  idempotencyKey: string | null;
}

export const STRIPE_SECRET_KEY = "sk_test_fake_billing_suite";

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

  const state: FakeState = {
    objects,
    declining,
    newId,
    bump: () => ++counter,
    counter: () => counter,
    now,
    save,
    chargedCard,
  };

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

    if (method === "POST" && path === "/v1/refunds") return refund(state, params);
    if (method === "POST" && path === "/v1/credit_notes") return creditNote(state, params);
    if (method === "POST") {
      const made = createInvoiceOrItem(state, path, params);
      if (made) return made;
    }
    if (method === "POST" && path === "/v1/subscriptions") return createSubscription(state, params);
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
      return updateSubscription(state, existing as Subscription, params);
    if (resource === "subscription_schedules" && !action)
      return updateSchedule(state, existing, params);
    if (resource === "subscription_schedules" && action === "release") {
      existing.status = "released";
      existing.released_subscription = existing.subscription;
      const sub = objects.get(existing.subscription as string);
      if (sub) sub.schedule = null;
      existing.subscription = null;
      return json(existing);
    }
    if (resource === "invoices") {
      const answered = invoiceAction(state, existing, action, params);
      if (answered) return answered;
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
      newSubscription(state, { ...input, trialDays: 0 }),
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
    addInvoice: (input: Parameters<typeof addInvoice>[1]) => addInvoice(state, input),
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
