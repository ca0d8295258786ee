import { describe, expect, it } from "vitest";
import { STRIPE_PRICES, useStripeMode } from "./billing-stripe-harness";
import { customerIdOf, newPerson, type Person } from "./billing-support";
import { stripeFixture } from "./stripe-fixtures";

/**
 * Plan changes and invoice payment in Stripe mode (see billing-stripe-harness.ts): what the
 * SDK asks of Stripe, what Stripe refuses, and the mirror once Stripe's events arrive.
 */
const mode = useStripeMode();

const eventStatus = async (id: string) =>
  (
    await mode.env.DB.prepare("SELECT status FROM stripe_events WHERE event_id = ?")
      .bind(id)
      .first<{ status: string }>()
  )?.status;

async function deliver(type: string, object: Record<string, unknown>) {
  const event = await mode.webhook(type, object);
  expect(event.answer.status).toBe(200);
  await mode.drainQueue();
  expect(await eventStatus(event.id)).toBe("applied");
  return event;
}

const view = async (person: Person) =>
  (await mode.send("/api/subscription", { headers: person.headers })).body.data;

/** A Premium subscriber as Stripe Checkout leaves one: a card, a subscription, mirrored. */
async function premiumSubscriber(options: { declines?: boolean } = {}) {
  const person = await newPerson();
  await mode.post(person, "/api/subscription/checkout", { plan: "premium" });
  const customerId = (await customerIdOf(person.userId))!;
  const card = mode.stripe.addCard(customerId, "visa", "4242", options);
  const sub = mode.stripe.addSubscription({
    customer: customerId,
    price: STRIPE_PRICES.premium,
    paymentMethod: card.id,
  });
  await deliver("payment_method.attached", card);
  await deliver("customer.subscription.created", sub);
  expect((await view(person)).plan).toBe("premium");
  return { person, customerId, card, sub };
}

/** An invoice line as Stripe sends it since 2025-03-31: what it is for under `parent`. */
function line(amount: number, description: string, parent: Record<string, unknown>) {
  const [base] = stripeFixture<{ id: string; lines: { data: Record<string, unknown>[] } }>(
    "invoice",
  ).lines.data;
  return { ...base, id: `il_${crypto.randomUUID()}`, amount, description, parent };
}

describe("Stripe mode: plan changes and paying an invoice", () => {
  it("upgrades at once with proration: the item's price, always_invoice, and the prorated invoice mirrored", async () => {
    const { person, customerId, sub } = await premiumSubscriber();
    const changed = await mode.post(
      person,
      "/api/subscription/change",
      { plan: "enterprise" },
      "upgrade-key-1",
    );
    expect(changed.status).toBe(202);
    expect(changed.body.data.change).toBe("upgrade");
    const item = (sub.items as { data: { id: string }[] }).data[0]!;
    expect(mode.stripe.to("POST", `/v1/subscriptions/${sub.id}`)).toEqual([
      {
        method: "POST",
        path: `/v1/subscriptions/${sub.id}`,
        params: {
          "items[0][id]": item.id,
          "items[0][price]": STRIPE_PRICES.enterprise,
          proration_behavior: "always_invoice",
          payment_behavior: "error_if_incomplete",
          "metadata[pending_plan]": "",
        },
        idempotencyKey: expect.stringMatching(/upgrade-key-1$/),
      },
    ]);
    // nothing changes until Stripe says so
    expect((await view(person)).plan).toBe("premium");
    await deliver("customer.subscription.updated", mode.stripe.object(sub.id)!);
    expect(await view(person)).toMatchObject({
      plan: "enterprise",
      subscription: { plan: "enterprise", pending_plan: null },
    });

    // the prorated invoice: the unused Premium time credited, Enterprise's rest charged, both
    // as invoice items a plan change made (`invoice_item_details`), as current Stripe sends them
    const { invoice } = mode.stripe.addInvoice({
      customer: customerId,
      subscription: sub.id,
      amount: 1500,
      status: "paid",
      lines: [
        line(-1000, "Unused time on Premium", {
          type: "invoice_item_details",
          invoice_item_details: {
            invoice_item: "ii_credit",
            proration: true,
            subscription: sub.id,
          },
          subscription_item_details: null,
        }),
        line(2500, "Remaining time on Enterprise", {
          type: "invoice_item_details",
          invoice_item_details: {
            invoice_item: "ii_charge",
            proration: true,
            subscription: sub.id,
          },
          subscription_item_details: null,
        }),
      ],
    });
    await deliver("invoice.payment_succeeded", invoice);
    const mirrored = (await mode.send(`/api/invoices/${invoice.id}`, { headers: person.headers }))
      .body.data;
    expect(mirrored).toMatchObject({
      status: "paid",
      subscription_id: sub.id,
      amount_paid: 1500,
      lines: [
        { description: "Unused time on Premium", amount: -1000, proration: true },
        { description: "Remaining time on Enterprise", amount: 2500, proration: true },
      ],
    });
  });

  it("a refused card leaves the plan as it was and answers 402 payment_failed", async () => {
    const { person, sub } = await premiumSubscriber({ declines: true });
    const changed = await mode.post(person, "/api/subscription/change", { plan: "enterprise" });
    expect(changed.status).toBe(402);
    expect(changed.body.error).toMatchObject({
      code: "payment_failed",
      message: "Your card was declined.",
    });
    const item = (mode.stripe.object(sub.id) as { items: { data: { price: { id: string } }[] } })
      .items.data[0]!;
    expect(item.price.id).toBe(STRIPE_PRICES.premium);
    expect((await view(person)).plan).toBe("premium");
  });

  it("schedules a downgrade from a new schedule: phase 0 keeps the current price to the period end", async () => {
    const { person, sub } = await premiumSubscriber();
    const changed = await mode.post(person, "/api/subscription/change", { plan: "standard" });
    expect(changed.status).toBe(202);
    expect(changed.body.data.change).toBe("downgrade");
    const [created] = mode.stripe.to("POST", "/v1/subscription_schedules");
    expect(created!.params).toEqual({ from_subscription: sub.id });
    const schedule = mode.stripe.object<{ id: string; current_phase: { start_date: number } }>(
      (mode.stripe.object(sub.id) as { schedule: string }).schedule,
    )!;
    const item = (
      sub.items as { data: { current_period_start: number; current_period_end: number }[] }
    ).data[0]!;
    expect(mode.stripe.to("POST", `/v1/subscription_schedules/${schedule.id}`)[0]!.params).toEqual({
      end_behavior: "release",
      proration_behavior: "none",
      "phases[0][items][0][price]": STRIPE_PRICES.premium,
      "phases[0][items][0][quantity]": "1",
      "phases[0][start_date]": String(schedule.current_phase.start_date),
      "phases[0][end_date]": String(item.current_period_end),
      "phases[0][metadata][pending_plan]": "standard",
      "phases[1][items][0][price]": STRIPE_PRICES.standard,
      "phases[1][items][0][quantity]": "1",
      "phases[1][metadata][pending_plan]": "",
    });
    await deliver("customer.subscription.updated", mode.stripe.object(sub.id)!);
    expect(await view(person)).toMatchObject({
      plan: "premium",
      subscription: { plan: "premium", pending_plan: "standard" },
    });

    // "keep my plan": the schedule is released and the mark cleared
    const kept = await mode.post(person, "/api/subscription/change", { plan: "premium" });
    expect(kept.body.data.change).toBe("keep");
    expect(
      mode.stripe.to("POST", `/v1/subscription_schedules/${schedule.id}/release`),
    ).toHaveLength(1);
    await deliver("customer.subscription.updated", mode.stripe.object(sub.id)!);
    expect((await view(person)).subscription.pending_plan).toBeNull();
  });

  it("schedules a downgrade on a schedule made earlier: phase 0 starts where that schedule's current phase does", async () => {
    const { person, sub } = await premiumSubscriber();
    const item = (
      sub.items as { data: { current_period_start: number; current_period_end: number }[] }
    ).data[0]!;
    // made in the Dashboard two periods ago: its current phase began before the item's period
    const phaseStart = item.current_period_start - 60 * 86_400;
    const schedule = mode.stripe.addSchedule(sub.id, {
      start_date: phaseStart,
      end_date: item.current_period_end,
    });
    const changed = await mode.post(person, "/api/subscription/change", { plan: "standard" });
    // Stripe refuses a first phase whose start is not the current phase's (the fake does too)
    expect(changed.status).toBe(202);
    expect(mode.stripe.to("POST", "/v1/subscription_schedules")).toEqual([]);
    expect(mode.stripe.to("GET", `/v1/subscription_schedules/${schedule.id}`)).toHaveLength(1);
    const [update] = mode.stripe.to("POST", `/v1/subscription_schedules/${schedule.id}`);
    expect(update!.params["phases[0][start_date]"]).toBe(String(phaseStart));
    expect(update!.params["phases[0][end_date]"]).toBe(String(item.current_period_end));
    await deliver("customer.subscription.updated", mode.stripe.object(sub.id)!);
    expect((await view(person)).subscription.pending_plan).toBe("standard");
  });

  it("pays an open invoice off-session with the card asked for; a refused card is 402", async () => {
    const { person, customerId, card, sub } = await premiumSubscriber();
    const { invoice } = mode.stripe.addInvoice({
      customer: customerId,
      subscription: sub.id,
      amount: 2999,
      status: "open",
    });
    await deliver("invoice.payment_failed", invoice);
    const listed = (await mode.send(`/api/invoices/${invoice.id}`, { headers: person.headers }))
      .body.data;
    expect(listed).toMatchObject({ status: "open", amount_due: 2999, amount_paid: 0 });

    const declining = mode.stripe.addCard(customerId, "visa", "0341", { declines: true });
    await deliver("payment_method.attached", declining);
    const refused = await mode.post(person, `/api/invoices/${invoice.id}/pay`, {
      payment_method_id: declining.id,
    });
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe("payment_failed");

    const paid = await mode.post(
      person,
      `/api/invoices/${invoice.id}/pay`,
      { payment_method_id: card.id },
      "pay-key-1",
    );
    expect(paid.status).toBe(200);
    expect(paid.body.data).toEqual({ invoice_id: invoice.id, paid: true });
    const pays = mode.stripe.to("POST", `/v1/invoices/${invoice.id}/pay`);
    expect(pays.map((request) => request.params)).toEqual([
      { off_session: "true", payment_method: declining.id },
      { off_session: "true", payment_method: card.id },
    ]);
    expect(pays[1]!.idempotencyKey).toMatch(/pay-key-1$/);
    // the invoice's record follows Stripe's event, not the API answer
    expect(
      (await mode.send(`/api/invoices/${invoice.id}`, { headers: person.headers })).body.data
        .status,
    ).toBe("open");
    await deliver("invoice.payment_succeeded", mode.stripe.object(invoice.id)!);
    expect(
      (await mode.send(`/api/invoices/${invoice.id}`, { headers: person.headers })).body.data,
    ).toMatchObject({ status: "paid", amount_paid: 2999 });
  });
});
