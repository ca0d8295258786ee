import { describe, expect, it } from "vitest";
import {
  customerIdOf,
  eventStatus,
  historyTypes,
  localSubscription,
  newPerson,
  postWebhook,
  signatureFor,
  signedEvent,
  stripeEventPayload,
  subscribe,
  waitForEventStatus,
  waitForSubscription,
} from "./billing-support";
import { countRows, servedAt, uniqueId } from "./helpers";
import { stripeFixture } from "./stripe-fixtures";

describe("POST /api/stripe/webhook", () => {
  it("refuses a missing, wrong or tampered signature with 400 and records nothing", async () => {
    const event = await signedEvent(
      "charge.refunded",
      { id: "ch_x", object: "charge", customer: "cus_nobody" },
      1_800_000_000,
    );
    const before = await countRows("SELECT count(*) AS n FROM stripe_events");
    const missing = await postWebhook(event.payload);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "validation_failed" });
    const wrong = await postWebhook(
      event.payload,
      event.signature.replace(/v1=\w{6}/, "v1=000000"),
    );
    expect(wrong.status).toBe(400);
    const tampered = await postWebhook(
      event.payload.replace("cus_nobody", "cus_someone"),
      event.signature,
    );
    expect(tampered.status).toBe(400);
    const old = await signedEvent(
      "charge.refunded",
      { id: "ch_y", object: "charge" },
      1_800_000_000,
    );
    // Properly signed, an hour ago: only the age check can refuse it.
    const stale = await signatureFor(old.payload, Math.floor(Date.now() / 1000) - 3600);
    expect((await postWebhook(old.payload, stale)).status).toBe(400);
    expect(await countRows("SELECT count(*) AS n FROM stripe_events")).toBe(before);
    expect((await postWebhook(event.payload, event.signature)).status).toBe(200);
  });

  it("refuses an event signed with a time in the future beyond 5 minutes of skew", async () => {
    const now = Math.floor(Date.now() / 1000);
    // The Worker checks the age against this same second, however long the requests take.
    const atNow = servedAt(now * 1000);
    const signedAt = async (timestamp: number) => {
      const id = uniqueId("evt");
      const payload = stripeEventPayload(
        "charge.refunded",
        { id: uniqueId("ch"), object: "charge", customer: "cus_nobody" },
        now,
        id,
      );
      return { id, payload, signature: await signatureFor(payload, timestamp) };
    };
    const before = await countRows("SELECT count(*) AS n FROM stripe_events");
    for (const ahead of [3600, 24 * 3600, 301]) {
      const future = await signedAt(now + ahead);
      const answer = await postWebhook(future.payload, future.signature, atNow);
      expect(answer.status, `${ahead} s ahead`).toBe(400);
      expect(answer.body.error.code).toBe("validation_failed");
    }
    expect(await countRows("SELECT count(*) AS n FROM stripe_events")).toBe(before);
    // A clock a little ahead of ours is still taken.
    const skewed = await signedAt(now + 60);
    const accepted = await postWebhook(skewed.payload, skewed.signature, atNow);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.event_id).toBe(skewed.id);
  });

  it("records an event id once: a duplicate is acknowledged with no second effect", async () => {
    const person = await newPerson();
    await subscribe(person, "premium");
    await waitForSubscription(person, (d) => d.state === "active");
    const customer = (await customerIdOf(person.userId))!;
    const refund = await signedEvent(
      "charge.refunded",
      stripeFixture("charge", {
        id: uniqueId("ch"),
        customer,
        amount: 2999,
        amount_refunded: 1000,
      }),
      Math.floor(Date.now() / 1000),
    );
    const first = await postWebhook(refund.payload, refund.signature);
    expect(first.body.data).toEqual({ received: true, event_id: refund.id, duplicate: false });
    await waitForEventStatus(refund.id, "applied");
    const again = await postWebhook(refund.payload, refund.signature);
    expect(again.status).toBe(200);
    expect(again.body.data.duplicate).toBe(true);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM billing_events WHERE stripe_event_id = ?",
        refund.id,
      ),
    ).toBe(1);
    expect(await historyTypes(person.userId)).toContain("charge.refunded");
  });

  it("applies events in order per customer: an older subscription.updated arriving late loses", async () => {
    const person = await newPerson();
    await subscribe(person, "premium");
    await waitForSubscription(person, (d) => d.state === "active");
    const customer = (await customerIdOf(person.userId))!;
    const sub = await localSubscription(customer);
    const now = Math.floor(Date.now() / 1000);
    const newer = await signedEvent(
      "customer.subscription.updated",
      { ...sub, cancel_at_period_end: true },
      now + 120,
    );
    const older = await signedEvent(
      "customer.subscription.updated",
      { ...sub, status: "past_due" },
      now + 60,
    );
    await postWebhook(newer.payload, newer.signature);
    await waitForEventStatus(newer.id, "applied");
    await postWebhook(older.payload, older.signature);
    await waitForEventStatus(older.id, "ignored");
    const state = await waitForSubscription(
      person,
      (d) => d.subscription?.cancel_at_period_end === true,
    );
    expect(state).toMatchObject({ state: "canceled", plan: "premium" });
    expect(state.subscription?.status).toBe("active");
  });

  it("ignores events for unknown customers and types it does not handle", async () => {
    const unknown = await signedEvent(
      "customer.subscription.updated",
      { id: "sub_x", object: "subscription", customer: "cus_unknown" },
      1_800_000_000,
    );
    await postWebhook(unknown.payload, unknown.signature);
    await waitForEventStatus(unknown.id, "ignored");
    const other = await signedEvent(
      "customer.created",
      { id: "cus_z", object: "customer" },
      1_800_000_000,
    );
    await postWebhook(other.payload, other.signature);
    await waitForEventStatus(other.id, "ignored");
    expect(await eventStatus(other.id)).toBe("ignored");
  });
});
