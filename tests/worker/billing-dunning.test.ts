import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import {
  call,
  idempotencyKey,
  newPerson,
  type Person,
  planOf,
  subscribe,
  waitForSubscription,
} from "./billing-support";
import { api, bearerFor, countRows } from "./helpers";

/**
 * Each test puts a Premium subscription past due (renewal charged to the 0341 card), which
 * starts the DunningWorkflow through the real webhook and queue; the introspector stands in
 * for time by timing out the waits a branch needs.
 */
async function pastDue(person: Person, extraCard: string | null = null) {
  await subscribe(person, "premium");
  await waitForSubscription(person, (d) => d.state === "active");
  const failing = await call(person, "/api/payment-methods", "POST", {
    payment_method_id: "pm_card_chargeCustomerFail",
    make_default: true,
  });
  await waitForSubscription(
    person,
    (d) => d.subscription?.default_payment_method_id === failing.body.data.id,
  );
  if (extraCard) {
    // The card from checkout is removed so the only other card is the one asked for.
    const first = (await call(person, "/api/payment-methods")).body.data.find(
      (c: { last4: string }) => c.last4 === "4242",
    );
    await call(person, `/api/payment-methods/${first.id}`, "DELETE");
    await call(person, "/api/payment-methods", "POST", { payment_method_id: extraCard });
  } else {
    const first = (await call(person, "/api/payment-methods")).body.data.find(
      (c: { last4: string }) => c.last4 === "4242",
    );
    await call(person, `/api/payment-methods/${first.id}`, "DELETE");
  }
  await call(person, "/api/billing/local/advance", "POST");
  await waitForSubscription(person, (d) => d.state === "past_due");
  const invoice = await vi.waitFor(
    async () => {
      const list = (await call(person, "/api/invoices")).body.data;
      const open = list.find((i: { status: string }) => i.status === "open");
      if (!open) throw new Error("waiting for the failed invoice");
      return open;
    },
    { timeout: 15_000, interval: 150 },
  );
  return invoice.id as string;
}

/** The dunning flow's emails: receipts for payments are tested in account-security.test.ts. */
async function templates(to: string) {
  const { results } = await env.DB.prepare(
    "SELECT template FROM email_outbox WHERE to_address = ? ORDER BY created_at",
  )
    .bind(to)
    .all<{ template: string }>();
  return results
    .map((r) => r.template)
    .filter((t) => t !== "verify_email" && t !== "payment_receipt");
}

async function dunningInstance(workflows: Awaited<ReturnType<typeof introspectWorkflow>>) {
  return vi.waitFor(
    () => {
      const [instance] = workflows.get();
      if (!instance) throw new Error("no dunning instance yet");
      return instance;
    },
    { timeout: 15_000, interval: 100 },
  );
}

const DAY_MS = 86_400_000;

async function dunningView(headers: Record<string, string>) {
  const { body } = await api("/api/admin/payments/dunning?per_page=100", { headers });
  return body.data as {
    accounts: { invoice_id: string; step: string; step_status: string; grace_ends_at: string }[];
    recovery: { started: number; recovered: number; recovered_cents: number };
  };
}

describe("DunningWorkflow", () => {
  it("notifies at once; a retry after 1 hour that goes through ends the flow", async () => {
    await using workflows = await introspectWorkflow(env.DUNNING_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "wait 1 hour" });
      // The charge itself is the local provider's (tested below); here the branch after it.
      await m.mockStepResult({ name: "retry payment" }, { paid: true, message: null });
    });
    const person = await newPerson();
    const invoiceId = await pastDue(person);
    const instance = await dunningInstance(workflows);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "recovered", stage: "retry" });
    expect(await templates(person.email)).toEqual(["payment_failed"]);
    const run = await env.DB.prepare(
      "SELECT status, subject FROM workflow_runs WHERE instance_id = ?",
    )
      .bind(`dunning-${invoiceId}`)
      .first();
    expect(run).toEqual({ status: "complete", subject: `invoice:${invoiceId}` });
  });

  it("payment succeeds during the 6 h wait: the paid invoice's event ends the flow", async () => {
    await using workflows = await introspectWorkflow(env.DUNNING_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "wait 1 hour" });
    });
    const person = await newPerson();
    const invoiceId = await pastDue(person);
    const instance = await dunningInstance(workflows);
    expect(await instance.waitForStepResult({ name: "retry payment" })).toMatchObject({
      paid: false,
    });
    const good = await call(person, "/api/payment-methods", "POST", {
      payment_method_id: "pm_card_visa",
      make_default: true,
    });
    await waitForSubscription(
      person,
      (d) => d.subscription?.default_payment_method_id === good.body.data.id,
    );
    const admin = await bearerFor("billing_admin");
    const before = (await dunningView(admin.headers)).recovery;
    const paid = await call(person, `/api/invoices/${invoiceId}/pay`, "POST");
    expect(paid.status).toBe(200);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "recovered", stage: "alternate_method" });
    await waitForSubscription(person, (d) => d.state === "active");
    expect(await planOf(person.userId)).toBe("premium");
    // the dunning view counts the invoice as recovered, for what it paid
    const amount = (await call(person, `/api/invoices/${invoiceId}`)).body.data.amount_paid;
    expect((await dunningView(admin.headers)).recovery).toMatchObject({
      recovered: before.recovered + 1,
      recovered_cents: before.recovered_cents + amount,
    });
    expect(await templates(person.email)).toEqual(["payment_failed"]);
  });

  it("after 6 h charges another card on file, which recovers", async () => {
    await using workflows = await introspectWorkflow(env.DUNNING_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "wait 1 hour" });
      await m.forceEventTimeout({ name: "wait until 6 hours" });
    });
    const person = await newPerson();
    await pastDue(person, "pm_card_visa");
    const instance = await dunningInstance(workflows);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "recovered", stage: "alternate_method" });
    await waitForSubscription(person, (d) => d.state === "active");
  });

  it("nothing works: final retry and urgent email at 24 h, warning at 48 h, Free at 72 h", async () => {
    await using workflows = await introspectWorkflow(env.DUNNING_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      for (const name of [
        "wait 1 hour",
        "wait until 6 hours",
        "wait until 24 hours",
        "wait until 48 hours",
        "wait until 72 hours",
      ]) {
        await m.forceEventTimeout({ name });
      }
    });
    const person = await newPerson();
    const invoiceId = await pastDue(person);
    const instance = await dunningInstance(workflows);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "downgraded" });
    expect(
      await instance.waitForStepResult({ name: "retry with another payment method" }),
    ).toMatchObject({
      paid: false,
      message: "no other payment method on file",
    });
    const ended = await waitForSubscription(person, (d) => d.plan === "free");
    expect(ended).toMatchObject({
      state: "unpaid",
      subscription: { status: "canceled", ended_reason: "unpaid" },
    });
    expect(await templates(person.email)).toEqual([
      "payment_failed",
      "payment_final_notice",
      "grace_ending",
      "downgraded_to_free",
    ]);
    // Every retry reported another payment_failed; still one flow for the invoice.
    expect(
      await countRows(
        "SELECT count(*) AS n FROM workflow_runs WHERE subject = ?",
        `invoice:${invoiceId}`,
      ),
    ).toBe(1);
  });

  it("more grace from an admin: 72 h pass without a downgrade, which comes at the new end of grace", async () => {
    await using workflows = await introspectWorkflow(env.DUNNING_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      // "wait until 48 hours" is left to run: the flow is held there until the admin acts
      for (const name of [
        "wait 1 hour",
        "wait until 6 hours",
        "wait until 24 hours",
        "wait until 48 hours (2)",
        "wait until 72 hours",
        "wait until 72 hours (2)",
      ]) {
        await m.forceEventTimeout({ name });
      }
    });
    const person = await newPerson();
    const invoiceId = await pastDue(person);
    const instance = await dunningInstance(workflows);
    const admin = await bearerFor("billing_admin");
    const waiting = await vi.waitFor(
      async () => {
        const row = (await dunningView(admin.headers)).accounts.find(
          (a) => a.invoice_id === invoiceId,
        );
        if (row?.step !== "wait until 48 hours") throw new Error(`at ${row?.step}`);
        return row;
      },
      { timeout: 15_000, interval: 150 },
    );
    expect(waiting.step_status).toBe("waiting");
    const subId = (await call(person, "/api/subscription")).body.data.subscription.id as string;

    const extended = await api(`/api/admin/payments/subscriptions/${subId}/grace-extension`, {
      method: "POST",
      headers: {
        ...admin.headers,
        "Content-Type": "application/json",
        "Idempotency-Key": idempotencyKey(),
      },
      body: JSON.stringify({ days: 3, note: "Card replaced next week" }),
    });
    expect(extended.status).toBe(202);
    const graceEnd = Date.parse(waiting.grace_ends_at) + 3 * DAY_MS;
    expect(extended.body.data).toEqual({
      subscription_id: subId,
      invoice_id: invoiceId,
      grace_ends_at: new Date(graceEnd).toISOString(),
    });

    // the warning moves with the end: woken, the 48 h wait waits on until 24 h before it
    expect(
      await instance.waitForStepResult({ name: "wait until 48 hours: check invoice" }),
    ).toMatchObject({ settled: false, until: graceEnd - DAY_MS });
    // 72 h are over (the wait timed out), yet grace now ends later: the flow waits on for it
    expect(
      await instance.waitForStepResult({ name: "wait until 72 hours: check invoice" }),
    ).toMatchObject({ settled: false, until: graceEnd });
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "downgraded" });
    expect(
      await instance.waitForStepResult({ name: "wait until 72 hours (2): check invoice" }),
    ).toMatchObject({ settled: false, until: graceEnd });
    await waitForSubscription(person, (d) => d.plan === "free");
    // one warning, naming the new end
    expect((await templates(person.email)).filter((t) => t === "grace_ending")).toHaveLength(1);
    const warning = await env.DB.prepare(
      "SELECT text_body FROM email_outbox WHERE to_address = ? AND template = 'grace_ending'",
    )
      .bind(person.email)
      .first<string>("text_body");
    expect(warning).toContain(new Date(graceEnd).toISOString().slice(0, 16).replace("T", " "));
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE resource_id = ? AND action = 'subscription.grace_extended'",
        subId,
      ),
    ).toBe(1);
  });
});
