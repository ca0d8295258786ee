import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { STRIPE_PRICES, useStripeMode } from "./billing-stripe-harness";
import {
  call,
  customerIdOf,
  newPerson,
  type Person,
  postWebhook,
  signedEvent,
  subscribe,
  waitForSubscription,
} from "./billing-support";
import { bearerFor } from "./helpers";
import { stripeFixture } from "./stripe-fixtures";

/**
 * Events built from Stripe's published objects (tests/fixtures/stripe/), signed and posted
 * through the webhook → queue → consumer path in both billing modes, with the mirror they
 * leave asserted through the API. The same cases run against the local provider and
 * against the SDK with a fake api.stripe.com; only how an event is delivered and who holds
 * the payment differ.
 */
type Json = Record<string, unknown>;

interface Mode {
  price(plan: "standard" | "premium" | "enterprise"): string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read envelopes loosely
  get(person: Person, path: string): Promise<{ status: number; body: any }>;
  /** Signs and posts an event, then lets the consumer apply it; answers its final status. */
  deliver(
    type: string,
    object: Json,
    apiVersion?: string,
    created?: number,
  ): Promise<{ id: string; status: string }>;
  /** A subscriber whose latest invoice was paid by a charge the provider holds. */
  paidInvoice(): Promise<{ person: Person; customerId: string; invoiceId: string; charge: Json }>;
  /**
   * What Stripe was asked to link a charge or a payment to ours (Stripe mode; the local
   * provider reads its own store, which the mirrored outcome shows).
   */
  lookups?(): string[];
}

const now = () => Math.floor(Date.now() / 1000);
/** An id as Stripe makes them: a prefix, an underscore, letters and digits. */
const stripeId = (prefix: string) =>
  `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;

/** A customer at the provider for a new account (opening "Add a card" makes one). */
async function customerOf(person: Person, post: (path: string) => Promise<unknown>) {
  await post("/api/payment-methods/setup");
  const id = await customerIdOf(person.userId);
  expect(id).toBeTruthy();
  return id!;
}

function fixtureSubscription(customer: string, price: string) {
  const base = stripeFixture<{ items: { data: Json[] } }>("subscription");
  const start = now() - 86_400;
  return stripeFixture("subscription", {
    id: stripeId("sub"),
    customer,
    status: "active",
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    trial_start: null,
    trial_end: null,
    schedule: null,
    default_payment_method: null,
    metadata: {},
    start_date: start,
    items: {
      data: [
        {
          ...base.items.data[0],
          id: stripeId("si"),
          price: { ...(base.items.data[0]!.price as Json), id: price },
          current_period_start: start,
          current_period_end: start + 30 * 86_400,
        },
      ],
    },
  });
}

function runCases(
  label: string,
  current: () => Mode,
  post: (p: Person, path: string) => Promise<unknown>,
) {
  describe(label, () => {
    it("mirrors a subscription and its first invoice as Stripe's objects carry them", async () => {
      const mode = current();
      const person = await newPerson();
      const customer = await customerOf(person, (path) => post(person, path));
      const sub = fixtureSubscription(customer, mode.price("premium"));
      expect((await mode.deliver("customer.subscription.created", sub)).status).toBe("applied");
      const item = (sub.items as { data: { id: string; current_period_end: number }[] }).data[0]!;
      const view = (await mode.get(person, "/api/subscription")).body.data;
      expect(view).toMatchObject({
        plan: "premium",
        state: "active",
        subscription: {
          id: sub.id,
          plan: "premium",
          current_period_end: new Date(item.current_period_end * 1000).toISOString(),
        },
      });

      const [line] = stripeFixture<{ lines: { data: Json[] } }>("invoice").lines.data;
      const invoice = stripeFixture("invoice", {
        id: stripeId("in"),
        customer,
        status: "paid",
        number: "FIXTURE-0001",
        billing_reason: "subscription_create",
        amount_due: 2999,
        amount_paid: 2999,
        amount_remaining: 0,
        subscription: null,
        parent: {
          type: "subscription_details",
          quote_details: null,
          subscription_details: { metadata: {}, subscription: sub.id },
        },
        lines: {
          data: [
            {
              ...line,
              amount: 2999,
              description: "1 × Premium (at $29.99 / month)",
              parent: {
                type: "subscription_item_details",
                invoice_item_details: null,
                subscription_item_details: {
                  invoice_item: null,
                  proration: false,
                  proration_details: { credited_items: null },
                  subscription: sub.id,
                  subscription_item: item.id,
                },
              },
            },
          ],
        },
        status_transitions: { finalized_at: now(), paid_at: now() },
      });
      expect((await mode.deliver("invoice.payment_succeeded", invoice)).status).toBe("applied");
      expect((await mode.get(person, `/api/invoices/${invoice.id}`)).body.data).toMatchObject({
        status: "paid",
        number: "FIXTURE-0001",
        subscription_id: sub.id,
        amount_paid: 2999,
        amount_refunded: 0,
        lines: [{ description: "1 × Premium (at $29.99 / month)", amount: 2999, proration: false }],
      });
    });

    it("shows a refund on the invoice its charge paid, found through the invoice's payments", async () => {
      const mode = current();
      const { person, customerId, invoiceId, charge } = await mode.paidInvoice();
      // as webhooks deliver it since API 2025-03-31: no `invoice`, a PaymentIntent instead
      expect(charge.payment_intent).toEqual(expect.any(String));
      const partial = stripeFixture("charge", {
        ...charge,
        customer: customerId,
        amount_refunded: 500,
        refunded: false,
      });
      expect(partial).not.toHaveProperty("invoice");
      expect((await mode.deliver("charge.refunded", partial)).status).toBe("applied");
      if (mode.lookups) expect(mode.lookups()).toContain(`payment_intent:${charge.payment_intent}`);
      expect((await mode.get(person, `/api/invoices/${invoiceId}`)).body.data.amount_refunded).toBe(
        500,
      );
      // an event of an older version names the invoice itself; it is read too
      const full = stripeFixture("charge", {
        ...charge,
        customer: customerId,
        payment_intent: null,
        invoice: invoiceId,
        amount_refunded: charge.amount,
        refunded: true,
      });
      expect((await mode.deliver("charge.refunded", full)).status).toBe("applied");
      expect((await mode.get(person, `/api/invoices/${invoiceId}`)).body.data.amount_refunded).toBe(
        charge.amount,
      );
      const history = (await mode.get(person, "/api/billing/history")).body.data as {
        type: string;
        detail: Json;
      }[];
      expect(history.filter((entry) => entry.type === "charge.refunded")).toEqual([
        expect.objectContaining({
          detail: expect.objectContaining({
            invoice_id: invoiceId,
            amount_refunded: charge.amount,
          }),
        }),
        expect.objectContaining({
          detail: expect.objectContaining({ invoice_id: invoiceId, amount_refunded: 500 }),
        }),
      ]);
    });

    it("records a dispute that names only its charge id, asking the provider whose charge it is", async () => {
      const mode = current();
      const { person, customerId, invoiceId, charge } = await mode.paidInvoice();
      const dispute = stripeFixture("dispute", {
        id: stripeId("dp"),
        charge: charge.id,
        payment_intent: charge.payment_intent,
        amount: charge.amount,
        reason: "fraudulent",
        status: "needs_response",
      });
      expect((await mode.deliver("charge.dispute.created", dispute)).status).toBe("applied");
      if (mode.lookups) expect(mode.lookups()).toContain(`charge:${charge.id}`);
      const history = (await mode.get(person, "/api/billing/history")).body.data as {
        type: string;
        detail: Json;
      }[];
      expect(history.find((entry) => entry.type === "charge.disputed")?.detail).toMatchObject({
        dispute_id: dispute.id,
        charge_id: charge.id,
        amount: charge.amount,
        reason: "fraudulent",
      });

      // the admin's list: state, amount, reason, deadline, and the invoice the charge paid
      const admin = { headers: (await bearerFor("billing_admin")).headers } as Person;
      const listed = async () =>
        (await mode.get(admin, `/api/admin/payments/disputes?user_id=${person.userId}`)).body.data;
      const dueBy = (dispute.evidence_details as { due_by: number }).due_by;
      expect(await listed()).toEqual([
        expect.objectContaining({
          id: dispute.id,
          charge_id: charge.id,
          invoice_id: invoiceId,
          customer_id: customerId,
          amount: charge.amount,
          reason: "fraudulent",
          status: "needs_response",
          evidence_due_by: new Date(dueBy * 1000).toISOString(),
        }),
      ]);
      // closed, then a late `updated` from before it: the newer state stays
      const closed = { ...dispute, status: "won" };
      expect((await mode.deliver("charge.dispute.closed", closed)).status).toBe("applied");
      expect((await listed())[0].status).toBe("won");
      const late = await mode.deliver("charge.dispute.updated", dispute, undefined, now() - 3_600);
      expect(late.status).toBe("ignored");
      expect((await listed())[0].status).toBe("won");
    });

    it("holds an event of another API version for an operator instead of misreading it", async () => {
      const mode = current();
      const person = await newPerson();
      const customer = await customerOf(person, (path) => post(person, path));
      const sub = fixtureSubscription(customer, mode.price("standard"));
      const held = await mode.deliver("customer.subscription.created", sub, "2025-02-24.acacia");
      expect(held.status).toBe("failed");
      const row = await env.DB.prepare("SELECT error FROM stripe_events WHERE event_id = ?")
        .bind(held.id)
        .first<{ error: string }>();
      expect(row?.error).toMatch(/API version 2025-02-24\.acacia/);
      expect((await mode.get(person, "/api/subscription")).body.data.plan).toBe("free");
    });
  });
}

// --- the local provider: events signed with its derived secret, the real queue consumer ---

const localMode: Mode = {
  price: (plan) => `price_local_${plan}`,
  get: (person, path) => call(person, path),
  async deliver(type, object, apiVersion, created = now()) {
    const event = await signedEvent(type, object, created, undefined, undefined, apiVersion);
    expect((await postWebhook(event.payload, event.signature)).status).toBe(200);
    const status = await vi.waitFor(
      async () => {
        const row = await env.DB.prepare("SELECT status FROM stripe_events WHERE event_id = ?")
          .bind(event.id)
          .first<{ status: string }>();
        if (!row || ["queued", "applying"].includes(row.status))
          throw new Error(`event ${event.id} is ${row?.status}`);
        return row.status;
      },
      { timeout: 15_000, interval: 100 },
    );
    return { id: event.id, status };
  },
  async paidInvoice() {
    const person = await newPerson();
    await subscribe(person, "standard");
    await waitForSubscription(person, (d) => d.state === "trialing");
    // the trial ends with the card on file: the first paid invoice, charged by the provider
    expect((await call(person, "/api/billing/local/advance", "POST")).status).toBe(200);
    await waitForSubscription(person, (d) => d.state === "active");
    const customerId = (await customerIdOf(person.userId))!;
    const charge = await vi.waitFor(async () => {
      const row = await env.DB.prepare(
        "SELECT data_json FROM local_billing_objects WHERE customer_id = ? AND type = 'charge' ORDER BY created_at DESC LIMIT 1",
      )
        .bind(customerId)
        .first<string>("data_json");
      if (!row) throw new Error("no charge yet");
      return JSON.parse(row) as Json & { id: string; amount: number };
    });
    const invoices = await vi.waitFor(async () => {
      const list = (await call(person, "/api/invoices")).body.data as {
        id: string;
        status: string;
      }[];
      const paid = list.filter((invoice) => invoice.status === "paid");
      if (paid.length < 2) throw new Error("waiting for the renewal");
      return paid;
    });
    return { person, customerId, invoiceId: invoices[0]!.id, charge };
  },
};

runCases(
  "local provider",
  () => localMode,
  (person, path) => call(person, path, "POST", {}),
);

// --- Stripe mode: the SDK against the fake api.stripe.com, the Worker's queue handler ---

describe("Stripe mode", () => {
  const stripeMode = useStripeMode();
  const mode: Mode = {
    price: (plan) => STRIPE_PRICES[plan],
    get: (person, path) => stripeMode.send(path, { headers: person.headers }),
    async deliver(type, object, apiVersion, created) {
      const event = await stripeMode.webhook(type, object, { apiVersion, created });
      expect(event.answer.status).toBe(200);
      await stripeMode.drainQueue();
      const row = await env.DB.prepare("SELECT status FROM stripe_events WHERE event_id = ?")
        .bind(event.id)
        .first<{ status: string }>();
      return { id: event.id, status: row!.status };
    },
    async paidInvoice() {
      const person = await newPerson();
      await stripeMode.post(person, "/api/subscription/checkout", { plan: "standard" });
      const customerId = (await customerIdOf(person.userId))!;
      const card = stripeMode.stripe.addCard(customerId);
      const sub = stripeMode.stripe.addSubscription({
        customer: customerId,
        price: STRIPE_PRICES.standard,
        paymentMethod: card.id,
      });
      await mode.deliver("payment_method.attached", card);
      await mode.deliver("customer.subscription.created", sub);
      const { invoice, charge } = stripeMode.stripe.addInvoice({
        customer: customerId,
        subscription: sub.id,
        amount: 1499,
        status: "paid",
      });
      expect((await mode.deliver("invoice.payment_succeeded", invoice)).status).toBe("applied");
      return { person, customerId, invoiceId: invoice.id, charge };
    },
    lookups: () =>
      stripeMode.stripe.requests.flatMap((request) => {
        if (request.path === "/v1/invoice_payments")
          return [`payment_intent:${request.params["payment[payment_intent]"]}`];
        const charge = request.method === "GET" && request.path.match(/^\/v1\/charges\/(\w+)$/);
        return charge ? [`charge:${charge[1]}`] : [];
      }),
  };
  runCases(
    "signed events through the SDK's path",
    () => mode,
    (person, path) => stripeMode.post(person, path, {}),
  );
});
