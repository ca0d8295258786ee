import { env, introspectWorkflow, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { adminPost, PAYMENTS, waitForInvoice } from "./admin-payments-support";
import {
  call,
  customerIdOf,
  idempotencyKey,
  newPerson,
  type Person,
  recordedEvents,
  subscribe,
  waitForSubscription,
} from "./billing-support";
import { api, bearerFor, countRows, servedAt, uniqueId } from "./helpers";

/**
 * The admin's invoice actions (README "Admin: payments") with the local provider: void and credit
 * notes (through the provider and back through the webhook), manual invoices, resend, regenerate
 * the PDF. The same in Stripe mode: admin-invoices-stripe.test.ts; the CSV export of the list:
 * admin-payments.test.ts.
 */

/** A Standard subscriber whose renewal was declined: an open invoice a dunning flow chases. */
async function openLocalInvoice(person: Person) {
  await subscribe(person, "standard", "4000 0000 0000 0341");
  await waitForSubscription(person, (d) => d.state === "trialing");
  expect((await call(person, "/api/billing/local/advance", "POST")).status).toBe(200);
  await waitForSubscription(person, (d) => d.state === "past_due");
  return waitForInvoice<{ id: string }>(person, (i) => i.status === "open", "the declined invoice");
}

/** A paid (or `status`) invoice of `userId` as the mirror holds it, written directly. */
function seedInvoice(userId: string, status = "paid") {
  // The customer's API takes letters, digits and `_` in an invoice id.
  const id = uniqueId("in_seed").replaceAll("-", "_");
  const at = Date.now();
  return env.DB.prepare(
    "INSERT INTO invoices (id, user_id, customer_id, number, status, currency, amount_due, amount_paid, billing_reason, lines_json, created_at, updated_at, paid_at) VALUES (?, ?, ?, ?, ?, 'usd', 2999, 2999, 'subscription_cycle', ?, ?, ?, ?)",
  )
    .bind(
      id,
      userId,
      `cus_${userId}`,
      `INV-${id.slice(-6)}`,
      status,
      JSON.stringify([{ description: "Standard plan", amount: 2999, proration: false }]),
      at,
      at,
      at,
    )
    .run()
    .then(() => id);
}

describe("invoice actions with the local provider", () => {
  it("voids an open invoice: provider event → webhook → record, once per key; the dunning flow stops", async () => {
    await using workflows = await introspectWorkflow(env.DUNNING_WORKFLOW);
    const person = await newPerson();
    const invoice = await openLocalInvoice(person);
    const admin = await bearerFor("billing_admin");
    const key = `void-${uniqueId("k")}`;

    const voided = await adminPost(
      admin.headers,
      `/invoices/${invoice.id}/void`,
      { note: "Billed by mistake" },
      key,
    );
    expect(voided.status).toBe(202);
    expect(voided.body.data).toMatchObject({ invoice_id: invoice.id, action: "void" });
    await vi.waitFor(
      async () => {
        const { body } = await call(person, `/api/invoices/${invoice.id}`);
        expect(body.data.status).toBe("void");
      },
      { timeout: 15_000, interval: 150 },
    );
    const again = await adminPost(
      admin.headers,
      `/invoices/${invoice.id}/void`,
      { note: "Billed by mistake" },
      key,
    );
    expect(again.response.headers.get("Idempotent-Replayed")).toBe("true");
    const customerId = (await customerIdOf(person.userId))!;
    expect(await recordedEvents(customerId, "invoice.voided")).toHaveLength(1);

    // nothing is owed any more: the flow chasing it ends, with no retry charged
    const instance = await vi.waitFor(
      () => {
        const [started] = workflows.get();
        if (!started) throw new Error("no dunning instance yet");
        return started;
      },
      { timeout: 15_000, interval: 100 },
    );
    await instance.waitForStatus("complete");
    // written off, not recovered: nothing was paid
    expect(await instance.getOutput()).toMatchObject({ outcome: "voided" });
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM billing_events WHERE type = 'dunning.retry' AND json_extract(detail_json, '$.invoice_id') = ?",
        invoice.id,
      ),
    ).toBe(0);

    // void now: neither voided again nor charged
    expect((await adminPost(admin.headers, `/invoices/${invoice.id}/void`, {})).status).toBe(409);
    expect(
      (await adminPost(admin.headers, `/invoices/${invoice.id}/payment-retry`, undefined)).status,
    ).toBe(409);
    const detail = await api(`${PAYMENTS}/invoices/${invoice.id}`, { headers: admin.headers });
    expect(detail.body.data).toMatchObject({
      status: "void",
      actions: [
        { action: "invoice.voided", note: "Billed by mistake", actor_id: `user:${admin.id}` },
      ],
    });
    expect(detail.body.data.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "invoice.voided",
          detail: expect.objectContaining({ from: "open" }),
        }),
      ]),
    );
  });

  it("resends an invoice to its owner with a link to the billing page, once a minute per invoice", async () => {
    const person = await newPerson();
    const invoiceId = await seedInvoice(person.userId);
    const voidId = await seedInvoice(person.userId, "void");
    const admin = await bearerFor("billing_admin");
    const now = Date.parse("2031-03-01T10:00:00Z");
    const resend = (at: number, key = idempotencyKey(), id = invoiceId) =>
      api(`${PAYMENTS}/invoices/${id}/resend`, {
        method: "POST",
        headers: { ...admin.headers, ...servedAt(at), "Idempotency-Key": key },
      });
    const sent = async () =>
      (
        await env.DB.prepare(
          "SELECT subject, text_body FROM email_outbox WHERE to_address = ? AND template = 'invoice_sent' ORDER BY created_at",
        )
          .bind(person.email)
          .all<{ subject: string; text_body: string }>()
      ).results;

    const first = await resend(now, "resend-key-1");
    expect(first.status).toBe(202);
    expect(first.body.data).toMatchObject({ action: "resend", sent_to: person.email });
    const [mail] = await sent();
    expect(mail!.subject).toBe(`Your invoice INV-${invoiceId.slice(-6)}`);
    expect(mail!.text_body).toContain(
      `${env.JWT_ISSUER.replace(/\/$/, "")}/account/billing?invoice=${invoiceId}`,
    );
    expect(mail!.text_body).toContain("$29.99");
    expect(mail!.text_body).toContain(env.SELLER_SUPPORT_EMAIL);

    // the same key: the first answer, no second email
    expect(
      (await resend(now + 1_000, "resend-key-1")).response.headers.get("Idempotent-Replayed"),
    ).toBe("true");
    const soon = await resend(now + 10_000);
    expect(soon.status).toBe(429);
    expect(soon.body.error.code).toBe("rate_limited");
    expect(soon.response.headers.get("Retry-After")).toBe("50");
    expect(await sent()).toHaveLength(1);
    expect((await resend(now + 60_000)).status).toBe(202);
    expect(await sent()).toHaveLength(2);

    expect((await resend(now, idempotencyKey(), voidId)).status).toBe(409);
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE resource_id = ? AND action = 'invoice.resent'",
        invoiceId,
      ),
    ).toBe(2);
  });

  it("regenerates the PDF: the stored copy is replaced and the customer downloads the new one", async () => {
    const person = await newPerson();
    const invoiceId = await seedInvoice(person.userId);
    const pdfKey = async () =>
      (await env.DB.prepare("SELECT pdf_key FROM invoices WHERE id = ?")
        .bind(invoiceId)
        .first<string | null>("pdf_key")) ?? null;
    /** The customer's download, as bytes. */
    const download = async () => {
      const answer = await SELF.fetch(`http://localhost/api/invoices/${invoiceId}/pdf`, {
        headers: person.headers,
      });
      expect(answer.status).toBe(200);
      return new Uint8Array(await answer.arrayBuffer());
    };
    await download();
    const first = await pdfKey();
    expect(first).toMatch(new RegExp(`^invoices/${person.userId}/${invoiceId}/paid-0-0/`));
    // stored while it shows the invoice as it is: the next download renders nothing new
    await download();
    expect(await pdfKey()).toBe(first);

    const admin = await bearerFor("billing_admin");
    const regenerated = await adminPost(admin.headers, `/invoices/${invoiceId}/pdf`, {
      note: "Seller address changed",
    });
    expect(regenerated.status).toBe(202);
    expect(regenerated.body.data).toMatchObject({ action: "regenerate_pdf", sent_to: null });
    const second = await pdfKey();
    expect(second).not.toBe(first);
    expect(await env.FILES.head(first!)).toBeNull();
    const stored = await env.FILES.get(second!);
    expect(await download()).toEqual(new Uint8Array(await stored!.arrayBuffer()));
    expect(await pdfKey()).toBe(second);
    const detail = await api(`${PAYMENTS}/invoices/${invoiceId}`, { headers: admin.headers });
    expect(detail.body.data).toMatchObject({
      pdf_available: true,
      actions: [{ action: "invoice.pdf_regenerated", note: "Seller address changed" }],
    });
  });
});

describe("credit notes with the local provider", () => {
  it("credits part of a paid invoice: provider event → webhook → record, shown to the customer", async () => {
    const person = await newPerson();
    await subscribe(person, "standard");
    await waitForSubscription(person, (d) => d.state === "trialing");
    expect((await call(person, "/api/billing/local/advance", "POST")).status).toBe(200);
    const invoice = await vi.waitFor(
      async () => {
        const { body } = await call(person, "/api/invoices");
        const paid = body.data.find((i: { amount_paid: number }) => i.amount_paid > 0);
        if (!paid) throw new Error("waiting for the paid invoice");
        return paid as { id: string; amount_paid: number };
      },
      { timeout: 15_000, interval: 150 },
    );
    const admin = await bearerFor("billing_admin");
    const request = { amount_cents: 500, reason: "order_change", memo: "Outage on 3 May" };
    const key = `credit-${uniqueId("k")}`;
    const first = await adminPost(
      admin.headers,
      `/invoices/${invoice.id}/credit-notes`,
      request,
      key,
    );
    expect(first.status).toBe(202);
    expect(first.body.data).toMatchObject({
      invoice_id: invoice.id,
      amount_cents: 500,
      credit_note_id: expect.stringMatching(/^cn_local_/),
    });
    await vi.waitFor(
      async () => {
        const { body } = await call(person, `/api/invoices/${invoice.id}`);
        expect(body.data.amount_credited).toBe(500);
      },
      { timeout: 15_000, interval: 150 },
    );
    const again = await adminPost(
      admin.headers,
      `/invoices/${invoice.id}/credit-notes`,
      request,
      key,
    );
    expect(again.body.data.credit_note_id).toBe(first.body.data.credit_note_id);
    const customerId = (await customerIdOf(person.userId))!;
    expect(await recordedEvents(customerId, "credit_note.created")).toHaveLength(1);

    // more than paid − refunded − credited: 422 with what is left, nothing asked of the provider
    const left = invoice.amount_paid - 500;
    const over = await adminPost(admin.headers, `/invoices/${invoice.id}/credit-notes`, {
      amount_cents: left + 1,
      reason: "duplicate",
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: "credit_exceeds_remaining",
      details: { remaining_cents: left },
    });
    // a refund may not pay the credited part out again: paid − refunded − credited
    const refund = await adminPost(admin.headers, `/invoices/${invoice.id}/refunds`, {
      amount_cents: left + 1,
      reason: "requested_by_customer",
    });
    expect(refund.status).toBe(422);
    expect(refund.body.error).toMatchObject({
      code: "refund_exceeds_paid",
      details: { refundable_cents: left },
    });
    const detail = await api(`${PAYMENTS}/invoices/${invoice.id}`, { headers: admin.headers });
    expect(detail.body.data).toMatchObject({
      amount_credited: 500,
      refundable: left,
      creditable: left,
      credit_notes: [
        { amount: 500, reason: "order_change", memo: "Outage on 3 May", status: "issued" },
      ],
      actions: [{ action: "invoice.credited" }],
    });
    // the customer's PDF is rendered again with the credit note on it
    const pdf = await SELF.fetch(`http://localhost/api/invoices/${invoice.id}/pdf`, {
      headers: person.headers,
    });
    expect(pdf.status).toBe(200);
    await pdf.arrayBuffer();
    const pdfKey = await env.DB.prepare("SELECT pdf_key FROM invoices WHERE id = ?")
      .bind(invoice.id)
      .first<string>("pdf_key");
    expect(pdfKey).toContain(`/paid-0-500/`);
  });
});

describe("manual invoices with the local provider", () => {
  it("makes an invoice with custom lines: charged to the card, or sent and left open", async () => {
    const person = await newPerson();
    await subscribe(person, "standard");
    await waitForSubscription(person, (d) => d.state === "trialing");
    const admin = await bearerFor("billing_admin");
    const lines = [
      { description: "Resume review session", amount_cents: 5000 },
      { description: "Cover letter edit", amount_cents: 2500 },
    ];
    const key = `manual-${uniqueId("k")}`;
    const charged = await adminPost(
      admin.headers,
      "/invoices",
      { user_id: person.userId, lines, collection: "charge", note: "Agreed by phone" },
      key,
    );
    expect(charged.status).toBe(202);
    expect(charged.body.data).toMatchObject({ collection: "charge", paid: true, message: null });
    const id = charged.body.data.invoice_id as string;
    const replay = await adminPost(
      admin.headers,
      "/invoices",
      { user_id: person.userId, lines, collection: "charge", note: "Agreed by phone" },
      key,
    );
    expect(replay.body.data.invoice_id).toBe(id);
    await vi.waitFor(
      async () => {
        const { body } = await call(person, `/api/invoices/${id}`);
        expect(body.data).toMatchObject({
          status: "paid",
          amount_paid: 7500,
          billing_reason: "manual",
          subscription_id: null,
          lines: [
            { description: "Resume review session", amount: 5000, proration: false },
            { description: "Cover letter edit", amount: 2500, proration: false },
          ],
        });
      },
      { timeout: 15_000, interval: 150 },
    );

    const sent = await adminPost(admin.headers, "/invoices", {
      user_id: person.userId,
      lines: [{ description: "Interview coaching", amount_cents: 9900 }],
      collection: "send",
      days_until_due: 14,
    });
    expect(sent.body.data).toMatchObject({ collection: "send", paid: null });
    // Stripe emails a sent invoice; locally the app's email layer does, with its PDF link
    const mail = await env.DB.prepare(
      "SELECT subject, text_body FROM email_outbox WHERE to_address = ? AND template = 'invoice_sent'",
    )
      .bind(person.email)
      .all<{ subject: string; text_body: string }>();
    expect(mail.results).toHaveLength(1);
    expect(mail.results[0]!.text_body).toContain("$99.00");
    expect(mail.results[0]!.text_body).toContain(
      `/api/invoices/${encodeURIComponent(sent.body.data.invoice_id)}/pdf`,
    );
    await vi.waitFor(
      async () => {
        const detail = await api(`${PAYMENTS}/invoices/${sent.body.data.invoice_id}`, {
          headers: admin.headers,
        });
        expect(detail.body.data).toMatchObject({
          status: "open",
          amount_due: 9900,
          actions: [{ action: "invoice.created_manually" }],
        });
      },
      { timeout: 15_000, interval: 150 },
    );
    expect(
      (
        await adminPost(admin.headers, "/invoices", {
          user_id: "nobody-here",
          lines,
          collection: "send",
        })
      ).status,
    ).toBe(404);
  });
});
