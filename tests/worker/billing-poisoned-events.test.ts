import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  customerIdOf,
  localSubscription,
  newPerson,
  postWebhook,
  signedEvent,
  subscribe,
  waitForEventStatus,
  waitForSubscription,
} from "./billing-support";
import { api, bearerFor, countRows, deliver } from "./helpers";
import { stripeFixture } from "./stripe-fixtures";

// README "Stuck billing events": an event that cannot be applied becomes `failed`, the
// operators are mailed once, its customer's later events wait behind it, and the admin API
// retries or skips it.

const eventRow = (eventId: string) =>
  env.DB.prepare("SELECT seq, status, error FROM stripe_events WHERE event_id = ?")
    .bind(eventId)
    .first<{ seq: number; status: string; error: string | null }>();

/** The `stripe_events` message of a recorded event, as the webhook sent it. */
async function messageOf(eventId: string, attempts = 1) {
  const row = await eventRow(eventId);
  return {
    id: `m-${row!.seq}-${attempts}`,
    attempts,
    body: { type: "stripe.event", event_id: eventId, seq: row!.seq },
  };
}

/** Alerts about one event in the outbox (to OPS_ALERT_EMAIL), by its subject. */
const alertsAbout = (eventId: string) =>
  env.DB.prepare(
    "SELECT text_body FROM email_outbox WHERE to_address = ? AND template = 'billing_event_failed' AND subject = ?",
  )
    .bind(env.OPS_ALERT_EMAIL, `[${env.ENVIRONMENT}] Stripe event ${eventId} could not be applied`)
    .all<{ text_body: string }>()
    .then((result) => result.results);

const auditCount = (action: string, eventId: string) =>
  countRows(
    "SELECT count(*) AS n FROM audit_log WHERE action = ? AND resource_id = ?",
    action,
    eventId,
  );

async function adminCall(
  role: "billing_admin" | "support" | "admin",
  path: string,
  body?: unknown,
) {
  const { headers } = await bearerFor(role);
  return api(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function subscribedCustomer() {
  const person = await newPerson();
  await subscribe(person, "premium");
  await waitForSubscription(person, (d) => d.state === "active");
  const customerId = (await customerIdOf(person.userId))!;
  return { person, customerId, sub: await localSubscription(customerId) };
}

/** A recorded event whose queue message already went (the consumer has not reached it). */
async function recordQueued(
  type: string,
  object: Record<string, unknown>,
  created: number,
  error: string | null,
) {
  const event = await signedEvent(type, object, created);
  await env.DB.prepare(
    `INSERT INTO stripe_events (event_id, type, customer_id, created, payload_json, status, error, received_at)
     VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)`,
  )
    .bind(event.id, type, object.customer, created, event.payload, error, Date.now())
    .run();
  return event;
}

describe("stuck billing events", () => {
  it("fails an unreadable event at once, alerts once, holds back the customer; skip lets the rest apply", async () => {
    const { person, customerId, sub } = await subscribedCustomer();
    const now = Math.floor(Date.now() / 1000);
    // Stripe's own subscription, but with no items: the mirror cannot read a plan from it
    const poisoned = await signedEvent(
      "customer.subscription.updated",
      stripeFixture("subscription", {
        id: sub.id,
        customer: customerId,
        items: { object: "list", data: [] },
      }),
      now + 60,
    );
    expect((await postWebhook(poisoned.payload, poisoned.signature)).status).toBe(200);
    await waitForEventStatus(poisoned.id, "failed");
    expect((await eventRow(poisoned.id))?.error).toMatch(/^unreadable_payload: .*items\.data/);

    const later = await signedEvent(
      "customer.subscription.updated",
      { ...sub, cancel_at_period_end: true },
      now + 120,
    );
    expect((await postWebhook(later.payload, later.signature)).status).toBe(200);
    // however often its message comes, it waits behind the failed one
    const held = await deliver("stripe_events", [await messageOf(later.id, 2)]);
    expect(held.retryMessages.map((m) => m.msgId)).toEqual([
      `m-${(await eventRow(later.id))!.seq}-2`,
    ]);
    expect((await eventRow(later.id))?.status).toBe("queued");
    const { body: state } = await api("/api/subscription", { headers: person.headers });
    expect(state.data.subscription.cancel_at_period_end).toBe(false);

    // its retries run out: it fails too, saying what it waits behind
    const dead = await deliver("stripe_events_dlq", [await messageOf(later.id, 6)]);
    expect(dead.explicitAcks).toHaveLength(1);
    expect(await eventRow(later.id)).toMatchObject({ status: "failed" });
    expect((await eventRow(later.id))?.error).toContain(`waits behind event ${poisoned.id}`);

    // one alert per failed event, with what an operator needs; a replayed dead letter adds none
    await deliver("stripe_events_dlq", [await messageOf(poisoned.id, 6)]);
    await deliver("stripe_events", [await messageOf(poisoned.id, 3)]);
    const alerts = await alertsAbout(poisoned.id);
    expect(alerts).toHaveLength(1);
    for (const part of [
      "customer.subscription.updated",
      customerId,
      person.email,
      "unreadable_payload",
    ])
      expect(alerts[0]!.text_body).toContain(part);
    expect(alerts[0]!.text_body).toContain(
      `/admin/billing-events?status=failed&event=${encodeURIComponent(poisoned.id)}`,
    );
    expect(await alertsAbout(later.id)).toHaveLength(1);

    // the admin app lists it with its account, and shows its payload
    const list = await adminCall(
      "support",
      `/api/admin/billing/events?status=failed&customer_id=${encodeURIComponent(customerId)}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.data.map((e: { event_id: string }) => e.event_id)).toEqual([
      later.id,
      poisoned.id,
    ]);
    expect(list.body.data[1]).toMatchObject({
      type: "customer.subscription.updated",
      customer_id: customerId,
      account: { user_id: person.userId, email: person.email },
      status: "failed",
    });
    const one = await adminCall("support", `/api/admin/billing/events/${poisoned.id}`);
    expect(one.status).toBe(200);
    expect(one.body.data.payload).toMatchObject({
      id: poisoned.id,
      data: { object: { id: sub.id } },
    });

    // skipping needs a reason; then the later event is queued again and applied
    const noReason = await adminCall(
      "billing_admin",
      `/api/admin/billing/events/${poisoned.id}/skip`,
      {},
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe("validation_failed");
    const reason = "Sent while the price was being migrated; the next update carries the state";
    const skip = await adminCall("billing_admin", `/api/admin/billing/events/${poisoned.id}/skip`, {
      reason,
    });
    expect(skip.status).toBe(200);
    expect(skip.body.data).toMatchObject({
      event: { status: "skipped" },
      requeued: [later.id],
      changed: true,
    });
    await waitForEventStatus(later.id, "applied");
    await waitForSubscription(person, (d) => d.subscription?.cancel_at_period_end === true);
    expect((await eventRow(poisoned.id))?.status).toBe("skipped");

    // a double click answers the same and does nothing again; one audit entry with the reason
    const again = await adminCall(
      "billing_admin",
      `/api/admin/billing/events/${poisoned.id}/skip`,
      {
        reason,
      },
    );
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({
      event: { status: "skipped" },
      requeued: [],
      changed: false,
    });
    expect(await auditCount("billing_event.skip", poisoned.id)).toBe(1);
    const details = await env.DB.prepare(
      "SELECT details_json FROM audit_log WHERE action = 'billing_event.skip' AND resource_id = ?",
    )
      .bind(poisoned.id)
      .first<string>("details_json");
    expect(JSON.parse(details!)).toEqual({ reason, requeued: [later.id] });

    // neither a skipped nor an applied event can be acted on as if it were failed
    const retrySkipped = await adminCall(
      "billing_admin",
      `/api/admin/billing/events/${poisoned.id}/retry`,
      {},
    );
    expect(retrySkipped.status).toBe(409);
    expect(retrySkipped.body.error.code).toBe("conflict");
    const skipApplied = await adminCall(
      "billing_admin",
      `/api/admin/billing/events/${later.id}/skip`,
      {
        reason,
      },
    );
    expect(skipApplied.status).toBe(409);
    expect(skipApplied.body.error.code).toBe("conflict");
  });

  it("retries a dead-lettered event after a transient failure, with the events behind it, in order", async () => {
    const { person, sub } = await subscribedCustomer();
    const now = Math.floor(Date.now() / 1000);
    // the consumer's retries all met a database outage; its message then went to the DLQ
    const stuck = await recordQueued(
      "customer.subscription.updated",
      { ...sub, cancel_at_period_end: true },
      now + 60,
      "D1_ERROR: Network connection lost.",
    );
    const behind = await recordQueued(
      "customer.subscription.updated",
      { ...sub, cancel_at_period_end: true },
      now + 120,
      null,
    );
    await deliver("stripe_events_dlq", [await messageOf(stuck.id, 6)]);
    expect(await eventRow(stuck.id)).toMatchObject({
      status: "failed",
      error: "D1_ERROR: Network connection lost.",
    });
    await deliver("stripe_events_dlq", [await messageOf(behind.id, 6)]);
    expect((await eventRow(behind.id))?.error).toBe(
      `waits behind event ${stuck.id}: it is failed (D1_ERROR: Network connection lost.)`,
    );
    expect(await alertsAbout(stuck.id)).toHaveLength(1);

    // reading needs payments.read only; acting needs payments.write
    const denied = await adminCall("support", `/api/admin/billing/events/${stuck.id}/retry`, {});
    expect(denied.status).toBe(403);
    expect(await eventRow(stuck.id)).toMatchObject({ status: "failed" });

    const retry = await adminCall("billing_admin", `/api/admin/billing/events/${stuck.id}/retry`, {
      reason: "D1 is back",
    });
    expect(retry.status).toBe(202);
    expect(retry.body.data).toMatchObject({ requeued: [stuck.id, behind.id], changed: true });
    // both applied, the older first: had the later one gone first, the older would be stale
    await waitForEventStatus(stuck.id, "applied");
    await waitForEventStatus(behind.id, "applied");
    await waitForSubscription(person, (d) => d.subscription?.cancel_at_period_end === true);

    const again = await adminCall(
      "billing_admin",
      `/api/admin/billing/events/${stuck.id}/retry`,
      {},
    );
    expect(again.status).toBe(202);
    expect(again.body.data).toMatchObject({
      event: { status: "applied" },
      requeued: [],
      changed: false,
    });
    expect(await auditCount("billing_event.retry", stuck.id)).toBe(1);
  });

  it("validates its input and needs payments.read to read, payments.write to act", async () => {
    const cases: [Parameters<typeof bearerFor>[0], string, string, number][] = [
      ["user", "GET", "/api/admin/billing/events", 403],
      ["moderator", "GET", "/api/admin/billing/events", 403],
      ["support", "GET", "/api/admin/billing/events?status=failed", 200],
      ["admin", "GET", "/api/admin/billing/events", 200],
      ["admin", "POST", "/api/admin/billing/events/evt_unknown/retry", 403],
      ["support", "POST", "/api/admin/billing/events/evt_unknown/skip", 403],
      ["billing_admin", "POST", "/api/admin/billing/events/evt_unknown/retry", 404],
      ["billing_admin", "GET", "/api/admin/billing/events?status=bogus", 400],
      ["billing_admin", "GET", "/api/admin/billing/events?per_page=1000", 400],
      ["billing_admin", "GET", "/api/admin/billing/events/evt%20with%20spaces", 400],
    ];
    for (const [role, method, path, expected] of cases) {
      const { headers } = await bearerFor(role);
      const init =
        method === "POST"
          ? {
              method,
              headers: { ...headers, "Content-Type": "application/json" },
              body: JSON.stringify({ reason: "x" }),
            }
          : { headers };
      const { status } = await api(path, init);
      expect(status, `${role} ${method} ${path}`).toBe(expected);
    }
    const tooLong = await adminCall("billing_admin", "/api/admin/billing/events/evt_unknown/skip", {
      reason: "x".repeat(501),
    });
    expect(tooLong.status).toBe(400);
  });
});
