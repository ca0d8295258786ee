import { vi } from "vitest";

/**
 * api.stripe.com as the Stripe SDK sees it, by intercepting `fetch` (the Worker runs in the
 * test's isolate, so the SDK's requests land here; oauth-fake-provider.ts does the same for
 * the OAuth providers). Only the endpoints billing uses in these tests answer, with
 * Stripe-shaped JSON; every request is recorded with its form parameters and idempotency key
 * so a test can assert exactly what the app asked Stripe for. Like Stripe, a repeated
 * idempotency key gets the first answer again.
 */
export interface StripeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  idempotencyKey: string | null;
}

type StripeObject = Record<string, unknown> & { id: string };

export const STRIPE_SECRET_KEY = "sk_test_fake_billing_suite";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Request-Id": `req_${crypto.randomUUID()}` },
  });

const stripeError = (status: number, message: string) =>
  json({ error: { type: "invalid_request_error", message } }, status);

/** `metadata[plan]=standard` → `{ plan: "standard" }`. */
const nested = (params: Record<string, string>, name: string) =>
  Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const match = key.match(new RegExp(`^${name}\\[(\\w+)\\]$`));
      return match ? [[match[1]!, value]] : [];
    }),
  );

export function fakeStripe() {
  const requests: StripeRequest[] = [];
  const objects = new Map<string, StripeObject>();
  const replies = new Map<string, { status: number; body: string }>();
  const realFetch = globalThis.fetch;
  let counter = 0;
  const newId = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${++counter}`;
  const now = () => Math.floor(Date.now() / 1000);
  const save = <T extends StripeObject>(object: T) => {
    objects.set(object.id, object);
    return object;
  };

  function route(method: string, path: string, params: Record<string, string>): Response {
    const idIn = (pattern: RegExp) => path.match(pattern)?.[1];
    const customerId = idIn(/^\/v1\/customers\/(\w+)$/);
    const intentId = idIn(/^\/v1\/setup_intents\/(\w+)$/);
    const subscriptionId = idIn(/^\/v1\/subscriptions\/(\w+)$/);
    const attachId = idIn(/^\/v1\/payment_methods\/(\w+)\/attach$/);
    if (method === "POST" && path === "/v1/customers") {
      return json(
        save({
          id: newId("cus"),
          object: "customer",
          email: params.email ?? null,
          name: params.name ?? null,
          metadata: nested(params, "metadata"),
          invoice_settings: { default_payment_method: null },
          created: now(),
          livemode: false,
        }),
      );
    }
    if (method === "POST" && customerId) {
      const customer = objects.get(customerId);
      if (!customer) return stripeError(404, `No such customer: '${customerId}'`);
      const pm = params["invoice_settings[default_payment_method]"];
      if (pm !== undefined) customer.invoice_settings = { default_payment_method: pm };
      return json(customer);
    }
    if (method === "POST" && attachId) {
      // a PaymentMethod made by Stripe.js (or a pm_card_* test token), attached to a customer
      const pm = objects.get(attachId);
      if (!pm) return stripeError(404, `No such PaymentMethod: '${attachId}'`);
      pm.customer = params.customer ?? null;
      return json(pm);
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const id = newId("cs_test");
      const setup = params.mode === "setup";
      const intent = setup
        ? save({
            id: newId("seti"),
            object: "setup_intent",
            customer: params.customer ?? null,
            status: "requires_payment_method",
            payment_method: null,
            usage: "off_session",
            metadata: {},
            created: now(),
            livemode: false,
          })
        : null;
      return json(
        save({
          id,
          object: "checkout.session",
          mode: params.mode,
          status: "open",
          customer: params.customer ?? null,
          client_reference_id: params.client_reference_id ?? null,
          currency: params.currency ?? "usd",
          metadata: nested(params, "metadata"),
          setup_intent: intent?.id ?? null,
          subscription: null,
          success_url: params.success_url,
          cancel_url: params.cancel_url,
          url: `https://checkout.stripe.com/c/pay/${id}`,
          created: now(),
          livemode: false,
        }),
      );
    }
    if (method === "GET" && intentId) {
      const intent = objects.get(intentId);
      return intent ? json(intent) : stripeError(404, `No such setupintent: '${intentId}'`);
    }
    if (method === "POST" && subscriptionId) {
      const sub = objects.get(subscriptionId);
      if (!sub) return stripeError(404, `No such subscription: '${subscriptionId}'`);
      if (params.default_payment_method !== undefined)
        sub.default_payment_method = params.default_payment_method;
      return json(sub);
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
    /** The requests to one endpoint, e.g. `POST /v1/checkout/sessions`. */
    to: (method: string, path: string | RegExp) =>
      requests.filter(
        (r) =>
          r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
      ),
    object: <T = StripeObject>(id: string) => objects.get(id) as T | undefined,
    /** A subscription Stripe holds (started at checkout, outside these requests). */
    addSubscription(input: { customer: string; price: string; paymentMethod: string }) {
      const start = now();
      return save({
        id: newId("sub"),
        object: "subscription",
        customer: input.customer,
        status: "active",
        cancel_at_period_end: false,
        default_payment_method: input.paymentMethod,
        metadata: {},
        items: {
          object: "list",
          data: [
            {
              id: newId("si"),
              object: "subscription_item",
              price: { id: input.price, object: "price" },
              current_period_start: start,
              current_period_end: start + 30 * 86_400,
            },
          ],
        },
        created: start,
        livemode: false,
      });
    },
    /** A card as Stripe attaches it to a customer. */
    addCard(customer: string, brand = "visa", last4 = "4242") {
      return save({
        id: newId("pm"),
        object: "payment_method",
        type: "card",
        customer,
        card: { brand, last4, exp_month: 12, exp_year: 2040, funding: "credit" },
        created: now(),
        livemode: false,
      });
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
