import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import {
  call,
  historyTypes,
  newPerson,
  type Person,
  planOf,
  subscribe,
  waitForSubscription,
} from "./billing-support";

const advance = (person: Person) => call(person, "/api/billing/local/advance", "POST");

async function invoices(person: Person, n: number) {
  return vi.waitFor(
    async () => {
      const list = await call(person, "/api/invoices");
      if (list.body.data.length < n) throw new Error("waiting for invoices");
      return list.body.data;
    },
    { timeout: 15_000, interval: 150 },
  );
}

async function useCard(person: Person, token: string) {
  const added = await call(person, "/api/payment-methods", "POST", {
    payment_method_id: token,
    make_default: true,
  });
  expect(added.status).toBe(201);
  await waitForSubscription(
    person,
    (d) => d.subscription?.default_payment_method_id === added.body.data.id,
  );
  return added.body.data.id as string;
}

describe("subscription lifecycle (local provider, every change through the webhook)", () => {
  it("trialing → active when the trial ends with a card; a renewal that fails → past due", async () => {
    await using _dunning = await introspectWorkflow(env.DUNNING_WORKFLOW);
    const person = await newPerson();
    await subscribe(person, "standard");
    await waitForSubscription(person, (d) => d.state === "trialing");
    expect((await advance(person)).status).toBe(200);
    await waitForSubscription(person, (d) => d.state === "active" && d.plan === "standard");
    const [renewal] = await invoices(person, 2);
    expect(renewal).toMatchObject({
      status: "paid",
      amount_due: 1499,
      billing_reason: "subscription_cycle",
    });

    await useCard(person, "pm_card_chargeCustomerFail");
    await advance(person);
    const pastDue = await waitForSubscription(person, (d) => d.state === "past_due");
    // Grace keeps the plan; its end is 72 h after the failure.
    expect(pastDue.plan).toBe("standard");
    await vi.waitFor(
      async () => {
        const { body } = await call(person, "/api/subscription");
        expect(body.data.subscription.grace_ends_at).not.toBeNull();
      },
      { timeout: 15_000, interval: 150 },
    );
    expect(await historyTypes(person.userId)).toEqual(
      expect.arrayContaining(["subscription.status_changed", "invoice.payment_failed"]),
    );
  });

  it("a trial that ends without a card falls back to Free", async () => {
    const person = await newPerson();
    // The signup workflow's path: a trial with no card yet (see billing-signup.test.ts).
    const { startPlanAtSignup } = await import("../../server/billing/subscriptions");
    const account = {
      id: person.userId,
      email: person.email,
      name: "Katherine Johnson",
      plan: "free",
    };
    await startPlanAtSignup(env, account, "standard", Date.now());
    await waitForSubscription(person, (d) => d.state === "trialing" && d.plan === "standard");
    await advance(person);
    const ended = await waitForSubscription(person, (d) => d.state === "free");
    expect(ended.subscription).toMatchObject({ status: "canceled", ended_reason: "trial_expired" });
    expect(await planOf(person.userId)).toBe("free");
  });

  it("cancel keeps access to the period end, reactivate before it keeps the plan", async () => {
    const person = await newPerson();
    await subscribe(person, "premium");
    await waitForSubscription(person, (d) => d.state === "active");
    const cancel = await call(person, "/api/subscription/cancel", "POST");
    expect(cancel.status).toBe(202);
    const canceled = await waitForSubscription(person, (d) => d.state === "canceled");
    expect(canceled.plan).toBe("premium");
    expect(canceled.subscription?.cancel_at_period_end).toBe(true);
    expect((await call(person, "/api/subscription/cancel", "POST")).status).toBe(409);

    expect((await call(person, "/api/subscription/reactivate", "POST")).status).toBe(202);
    await waitForSubscription(
      person,
      (d) => d.state === "active" && d.subscription?.cancel_at_period_end === false,
    );
    expect((await call(person, "/api/subscription/reactivate", "POST")).status).toBe(409);

    await call(person, "/api/subscription/cancel", "POST");
    await waitForSubscription(person, (d) => d.state === "canceled");
    await advance(person);
    const ended = await waitForSubscription(person, (d) => d.state === "free");
    expect(ended.plan).toBe("free");
    expect(ended.subscription).toMatchObject({ status: "canceled", ended_reason: "canceled" });
    expect(await historyTypes(person.userId)).toEqual(
      expect.arrayContaining([
        "subscription.cancel_scheduled",
        "subscription.reactivated",
        "plan.changed",
      ]),
    );
  });

  it("upgrades at once with proration charged now", async () => {
    const person = await newPerson();
    await subscribe(person, "standard");
    await waitForSubscription(person, (d) => d.state === "trialing");
    await advance(person); // out of the trial: a paid period has begun
    await waitForSubscription(person, (d) => d.state === "active");
    const change = await call(person, "/api/subscription/change", "POST", { plan: "enterprise" });
    expect(change.status).toBe(202);
    expect(change.body.data.change).toBe("upgrade");
    // Nearly the whole 30-day period is left: almost the full $35.00 difference.
    expect(change.body.data.proration_cents).toBeGreaterThan(3490);
    expect(change.body.data.proration_cents).toBeLessThanOrEqual(3500);
    await waitForSubscription(person, (d) => d.plan === "enterprise" && d.state === "active");
    const list = await invoices(person, 3);
    const proration = list.find(
      (i: { billing_reason: string }) => i.billing_reason === "subscription_update",
    );
    expect(proration).toMatchObject({
      status: "paid",
      amount_due: change.body.data.proration_cents,
    });
    expect(proration.lines.every((l: { proration: boolean }) => l.proration)).toBe(true);
  });

  it("an upgrade refused by the card changes nothing (402)", async () => {
    const person = await newPerson();
    await subscribe(person, "premium");
    await waitForSubscription(person, (d) => d.state === "active");
    await useCard(person, "pm_card_chargeCustomerFail");
    const change = await call(person, "/api/subscription/change", "POST", { plan: "enterprise" });
    expect(change.status).toBe(402);
    expect(change.body.error.code).toBe("payment_failed");
    expect(await planOf(person.userId)).toBe("premium");
  });

  it("schedules a downgrade for the next cycle, and keeping the plan drops it", async () => {
    const person = await newPerson();
    await subscribe(person, "enterprise");
    await waitForSubscription(person, (d) => d.state === "active");
    const down = await call(person, "/api/subscription/change", "POST", { plan: "standard" });
    expect(down.body.data).toMatchObject({ change: "downgrade", proration_cents: 0 });
    const pending = await waitForSubscription(
      person,
      (d) => d.subscription?.pending_plan === "standard",
    );
    expect(pending.plan).toBe("enterprise");
    const keep = await call(person, "/api/subscription/change", "POST", { plan: "enterprise" });
    expect(keep.body.data.change).toBe("keep");
    await waitForSubscription(person, (d) => d.subscription?.pending_plan === null);

    await call(person, "/api/subscription/change", "POST", { plan: "premium" });
    await waitForSubscription(person, (d) => d.subscription?.pending_plan === "premium");
    await advance(person);
    const after = await waitForSubscription(person, (d) => d.plan === "premium");
    expect(after.subscription).toMatchObject({ pending_plan: null, status: "active" });
    const [renewal] = await invoices(person, 2);
    expect(renewal).toMatchObject({ amount_due: 2999, billing_reason: "subscription_cycle" });
  });

  it("plan limits follow the subscription: Free's resume limit lifts with Premium and returns after", async () => {
    const person = await newPerson();
    const create = (title: string) => call(person, "/api/resumes", "POST", { title });
    expect((await create("One")).status).toBe(201);
    expect((await create("Two")).status).toBe(201);
    const refused = await create("Three");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("plan_limit");
    let usage = await call(person, "/api/usage");
    expect(usage.body.data).toMatchObject({ plan: "free", resumes: { used: 2, limit: 2 } });

    await subscribe(person, "premium");
    await waitForSubscription(person, (d) => d.plan === "premium");
    expect((await create("Three")).status).toBe(201);
    usage = await call(person, "/api/usage");
    expect(usage.body.data).toMatchObject({
      plan: "premium",
      resumes: { used: 3, limit: null },
      ai_calls: { limit: 1000 },
    });

    await call(person, "/api/subscription/change", "POST", { plan: "free" });
    await waitForSubscription(person, (d) => d.state === "canceled");
    await advance(person);
    await waitForSubscription(person, (d) => d.plan === "free");
    expect((await create("Four")).status).toBe(403);
  });

  it("payment methods: list, default, remove (not the only card of a paying subscription)", async () => {
    const person = await newPerson();
    await subscribe(person, "premium");
    await waitForSubscription(person, (d) => d.state === "active");
    const first = (await call(person, "/api/payment-methods")).body.data[0].id;
    expect((await call(person, `/api/payment-methods/${first}`, "DELETE")).status).toBe(409);
    const second = await useCard(person, "pm_card_visa");
    expect((await call(person, `/api/payment-methods/${second}`, "DELETE")).status).toBe(409);
    expect((await call(person, `/api/payment-methods/${first}`, "DELETE")).status).toBe(202);
    await vi.waitFor(
      async () => {
        const list = (await call(person, "/api/payment-methods")).body.data;
        expect(list.map((c: { id: string }) => c.id)).toEqual([second]);
      },
      { timeout: 15_000, interval: 150 },
    );
    const bad = await call(person, "/api/payment-methods", "POST", {
      payment_method_id: "pm_card_visa_chargeDeclinedInsufficientFunds",
    });
    expect(bad.status).toBe(402);
    const stranger = await newPerson();
    expect((await call(stranger, `/api/payment-methods/${second}`, "DELETE")).status).toBe(404);
    const [invoice] = (await call(person, "/api/invoices")).body.data;
    expect((await call(stranger, `/api/invoices/${invoice.id}`)).status).toBe(404);
    const pdf = await call(person, `/api/invoices/${invoice.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.response.headers.get("content-type")).toBe("application/pdf");
    expect(String(pdf.body).startsWith("%PDF-")).toBe(true);
    const key = await env.DB.prepare("SELECT pdf_key FROM invoices WHERE id = ?")
      .bind(invoice.id)
      .first<string>("pdf_key");
    expect(await env.FILES.head(key!)).not.toBeNull();
    expect((await call(stranger, `/api/invoices/${invoice.id}/pdf`)).status).toBe(404);
    const history = await call(person, "/api/billing/history");
    expect(history.body.pagination.total).toBeGreaterThan(3);
  });
});
