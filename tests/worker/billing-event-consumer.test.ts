import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STRIPE_API_VERSION } from "../../core/billing/stripe-version";
import { CLAIM_TIMEOUT_MS } from "../../server/billing/event-consumer";
import {
  customerIdOf,
  localSubscription,
  newPerson,
  stripeEventPayload,
  subscribe,
  waitForSubscription,
} from "./billing-support";
import { deliver, uniqueId } from "./helpers";

// The rows are written here and handed to the consumer with `deliver`, never through the
// webhook (whose own queue messages would race these deliveries): what is under test is how
// one batch claims, orders, finishes and retries.

interface RecordedEvent {
  seq: number;
  eventId: string;
}

/** A `stripe_events` row as the webhook records it; `payload` may be broken on purpose. */
async function recordEvent(input: {
  type: string;
  customerId: string;
  created: number;
  object?: Record<string, unknown>;
  payload?: string;
  status?: string;
  processedAt?: number | null;
}): Promise<RecordedEvent> {
  const eventId = uniqueId("evt");
  const payload =
    input.payload ??
    stripeEventPayload(
      input.type,
      input.object ?? { id: "sub_x", object: "subscription", customer: input.customerId },
      input.created,
      eventId,
    );
  const row = await env.DB.prepare(
    `INSERT INTO stripe_events (event_id, type, customer_id, created, payload_json, status, received_at, processed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  )
    .bind(
      eventId,
      input.type,
      input.customerId,
      input.created,
      payload,
      input.status ?? "queued",
      Date.now(),
      input.processedAt ?? null,
    )
    .first<number>("seq");
  return { seq: row!, eventId };
}

const message = (event: RecordedEvent, attempts = 1) => ({
  id: `m-${event.seq}`,
  attempts,
  body: { type: "stripe.event", event_id: event.eventId, seq: event.seq },
});

const rowOf = (event: RecordedEvent) =>
  env.DB.prepare("SELECT status, error, processed_at FROM stripe_events WHERE seq = ?")
    .bind(event.seq)
    .first<{ status: string; error: string | null; processed_at: number | null }>();

const retried = (result: { retryMessages: { msgId: string }[] }) =>
  result.retryMessages.map((retry) => retry.msgId).sort();

describe("stripe_events consumer", () => {
  it("applies a customer's events oldest first, whichever of them the batch names", async () => {
    const person = await newPerson();
    await subscribe(person, "premium");
    await waitForSubscription(person, (d) => d.state === "active");
    const customerId = (await customerIdOf(person.userId))!;
    const sub = await localSubscription(customerId);
    const now = Math.floor(Date.now() / 1000);
    // recorded newest first: arrival order is not the order they happened in
    const newer = await recordEvent({
      type: "customer.subscription.updated",
      customerId,
      created: now + 120,
      object: { ...sub, cancel_at_period_end: true },
    });
    const older = await recordEvent({
      type: "customer.subscription.updated",
      customerId,
      created: now + 60,
      object: { ...sub, status: "past_due" },
    });

    // only the newer one's message: the pass still applies the older one first
    const first = await deliver("stripe_events", [message(newer)]);
    expect(first.explicitAcks).toEqual([`m-${newer.seq}`]);
    expect((await rowOf(older))?.status).toBe("applied");
    expect((await rowOf(newer))?.status).toBe("applied");
    const state = await waitForSubscription(
      person,
      (d) => d.subscription?.cancel_at_period_end === true,
    );
    expect(state.subscription?.status).toBe("active");

    // the older one's own message comes later and finds nothing left to do
    const second = await deliver("stripe_events", [message(older)]);
    expect(second.explicitAcks).toEqual([`m-${older.seq}`]);
    expect(second.retryMessages).toEqual([]);
  });

  it("finishes a batch of one customer's events together and acks every message", async () => {
    const customerId = uniqueId("cus_nobody");
    const events = [];
    for (let i = 0; i < 5; i++) {
      events.push(
        await recordEvent({
          type: "customer.subscription.updated",
          customerId,
          created: 1_900_000_000 + i,
        }),
      );
    }
    const result = await deliver("stripe_events", events.map((e) => message(e)).reverse());
    expect(result.explicitAcks.sort()).toEqual(events.map((e) => `m-${e.seq}`).sort());
    for (const event of events) {
      expect(await rowOf(event)).toMatchObject({
        status: "ignored",
        error: `customer ${customerId} belongs to no account`,
      });
    }
  });

  it("waits behind an event another consumer is applying, and takes over a stale claim", async () => {
    const customerId = uniqueId("cus_nobody");
    const busy = await recordEvent({
      type: "customer.subscription.updated",
      customerId,
      created: 1_900_000_000,
      status: "applying",
      processedAt: Date.now(),
    });
    const later = await recordEvent({
      type: "customer.subscription.updated",
      customerId,
      created: 1_900_000_001,
    });

    const waiting = await deliver("stripe_events", [message(later)]);
    expect(retried(waiting)).toEqual([`m-${later.seq}`]);
    expect((await rowOf(later))?.status).toBe("queued");
    expect((await rowOf(busy))?.status).toBe("applying");

    // that consumer died: once its claim is older than the timeout, the event is taken over
    await env.DB.prepare("UPDATE stripe_events SET processed_at = ? WHERE seq = ?")
      .bind(Date.now() - CLAIM_TIMEOUT_MS - 1_000, busy.seq)
      .run();
    const resumed = await deliver("stripe_events", [message(later, 2)]);
    expect(resumed.explicitAcks).toEqual([`m-${later.seq}`]);
    expect((await rowOf(busy))?.status).toBe("ignored");
    expect((await rowOf(later))?.status).toBe("ignored");
  });

  it("keeps a failing event's reason, retries it, and holds back its customer's later events", async () => {
    const customerId = uniqueId("cus_nobody");
    const broken = await recordEvent({
      type: "customer.subscription.updated",
      customerId,
      created: 1_900_000_000,
      payload: "{not json",
    });
    const later = await recordEvent({
      type: "customer.subscription.updated",
      customerId,
      created: 1_900_000_001,
    });
    const elsewhere = await recordEvent({
      type: "customer.subscription.updated",
      customerId: uniqueId("cus_nobody"),
      created: 1_900_000_000,
    });

    const result = await deliver("stripe_events", [
      message(broken),
      message(later),
      message(elsewhere),
    ]);
    // another customer's event is not held up by this one's failure
    expect(result.explicitAcks).toEqual([`m-${elsewhere.seq}`]);
    expect(retried(result)).toEqual([`m-${broken.seq}`, `m-${later.seq}`].sort());
    const failed = await rowOf(broken);
    expect(failed?.status).toBe("queued");
    expect(failed?.error).toMatch(/JSON/);
    expect(await rowOf(later)).toMatchObject({ status: "queued", error: null });
    expect((await rowOf(elsewhere))?.status).toBe("ignored");

    // repaired (an operator, or the retry after a transient failure): both go through in order
    await env.DB.prepare("UPDATE stripe_events SET payload_json = ? WHERE seq = ?")
      .bind(
        JSON.stringify({
          id: broken.eventId,
          object: "event",
          api_version: STRIPE_API_VERSION,
          created: 1_900_000_000,
          data: { object: { id: "sub_x", object: "subscription", customer: customerId } },
          livemode: false,
          type: "customer.subscription.updated",
        }),
        broken.seq,
      )
      .run();
    const retry = await deliver("stripe_events", [message(broken, 2), message(later, 2)]);
    expect(retry.explicitAcks.sort()).toEqual([`m-${broken.seq}`, `m-${later.seq}`].sort());
    expect((await rowOf(broken))?.status).toBe("ignored");
  });

  it("retries a message of another queue's kind instead of acking it", async () => {
    const event = await recordEvent({
      type: "customer.subscription.updated",
      customerId: uniqueId("cus_nobody"),
      created: 1_900_000_000,
    });
    const result = await deliver("stripe_events", [
      message(event),
      {
        id: "foreign",
        body: { type: "backup.run", job_id: "j", backup_id: "b", requested_by: "t" },
      },
    ]);
    expect(result.explicitAcks).toEqual([`m-${event.seq}`]);
    expect(retried(result)).toEqual(["foreign"]);
  });
});
