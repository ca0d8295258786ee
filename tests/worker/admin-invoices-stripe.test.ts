import { describe, expect, it } from "vitest";
import { PAYMENTS, stripeAdminKit } from "./admin-payments-support";
import { useStripeMode } from "./billing-stripe-harness";
import { customerIdOf } from "./billing-support";
import { bearerFor, countRows } from "./helpers";

/**
 * The admin's invoice actions in Stripe mode (README "Admin: payments"): a void, a credit note and
 * a manual invoice as the SDK asks them of the fake api.stripe.com (billing-stripe-fake.ts), what
 * Stripe refuses, and the mirror once Stripe's signed events arrive. The local provider's side:
 * admin-invoice-actions.test.ts.
 */

describe("admin invoice actions in Stripe mode", () => {
  const mode = useStripeMode();

  const { deliver, adminSend, paidStripeInvoice } = stripeAdminKit(mode);

  it("voids an open invoice with invoices.voidInvoice; invoice.voided settles the record", async () => {
    const { person, invoice } = await paidStripeInvoice("open");
    const admin = await bearerFor("billing_admin");
    const statusOf = async (id: string) =>
      (await mode.send(`/api/invoices/${id}`, { headers: person.headers })).body.data.status;
    const voided = await adminSend(
      admin.headers,
      `/invoices/${invoice.id}/void`,
      { note: "Billed twice" },
      "void-key-1",
    );
    expect(voided.status).toBe(202);
    expect(mode.stripe.to("POST", `/v1/invoices/${invoice.id}/void`)).toEqual([
      expect.objectContaining({ idempotencyKey: expect.stringMatching(/void-key-1$/) }),
    ]);
    // nothing changes before Stripe's event
    expect(await statusOf(invoice.id)).toBe("open");
    await deliver("invoice.voided", mode.stripe.object(invoice.id)!);
    expect(await statusOf(invoice.id)).toBe("void");
    // a late failure event for it does not reopen it
    const late = await mode.webhook("invoice.payment_failed", {
      ...mode.stripe.object(invoice.id)!,
      status: "open",
    });
    expect(late.answer.status).toBe(200);
    await mode.drainQueue();
    expect(await statusOf(invoice.id)).toBe("void");
    // void already: refused before Stripe is asked
    expect((await adminSend(admin.headers, `/invoices/${invoice.id}/void`, {})).status).toBe(409);
    expect(mode.stripe.to("POST", `/v1/invoices/${invoice.id}/void`)).toHaveLength(1);

    // paid at Stripe before its event arrived: Stripe's refusal, as a 409 with its words
    const subscription = (invoice.parent as { subscription_details: { subscription: string } })
      .subscription_details.subscription;
    const second = mode.stripe.addInvoice({
      customer: invoice.customer as string,
      subscription,
      amount: 2999,
      status: "open",
    }).invoice;
    await deliver("invoice.payment_failed", second);
    mode.stripe.object<{ status: string }>(second.id)!.status = "paid";
    const refused = await adminSend(admin.headers, `/invoices/${second.id}/void`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/only void open invoices/);
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'invoice.voided' AND resource_id IN (?, ?)",
        invoice.id,
        second.id,
      ),
    ).toBe(1);
  });

  it("issues a credit note with creditNotes.create; credit_note.created sets the credited total", async () => {
    const { person, invoice } = await paidStripeInvoice();
    const admin = await bearerFor("billing_admin");
    const request = { amount_cents: 999, reason: "product_unsatisfactory", memo: "Sorry" };
    const sent = await adminSend(
      admin.headers,
      `/invoices/${invoice.id}/credit-notes`,
      request,
      "cn-key-1",
    );
    expect(sent.status).toBe(202);
    const [asked] = mode.stripe.to("POST", "/v1/credit_notes");
    expect(asked).toMatchObject({
      params: {
        invoice: invoice.id,
        amount: "999",
        credit_amount: "999",
        reason: "product_unsatisfactory",
        memo: "Sorry",
      },
      idempotencyKey: expect.stringMatching(/cn-key-1$/),
    });
    const credited = async () =>
      (await mode.send(`/api/invoices/${invoice.id}`, { headers: person.headers })).body.data
        .amount_credited;
    expect(await credited()).toBe(0);
    await deliver("credit_note.created", mode.stripe.object(sent.body.data.credit_note_id)!);
    expect(await credited()).toBe(999);
    // voided at Stripe: it credits nothing any more
    const note = mode.stripe.object<{ status: string }>(sent.body.data.credit_note_id)!;
    note.status = "void";
    await deliver("credit_note.voided", note as unknown as Record<string, unknown>);
    expect(await credited()).toBe(0);
    // Stripe's own refusal (a Dashboard credit the mirror has not seen): 409 with its words
    mode.stripe.object<{ amount_paid: number }>(invoice.id)!.amount_paid = 1000;
    const refused = await adminSend(admin.headers, `/invoices/${invoice.id}/credit-notes`, {
      amount_cents: 2000,
      reason: "duplicate",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/exceeds the amount remaining/);
  });

  it("a refund after credit notes: only paid − refunded − credited, a note's cash refund counted once", async () => {
    const { invoice, charge } = await paidStripeInvoice();
    const admin = await bearerFor("billing_admin");
    const detail = async () =>
      (await mode.send(`${PAYMENTS}/invoices/${invoice.id}`, { headers: admin.headers })).body.data;
    const credit = await adminSend(admin.headers, `/invoices/${invoice.id}/credit-notes`, {
      amount_cents: 999,
      reason: "order_change",
    });
    const note = mode.stripe.object(credit.body.data.credit_note_id)!;
    await deliver("credit_note.created", note);
    expect(await detail()).toMatchObject({ amount_credited: 999, refundable: 2000 });
    // Stripe would refund the whole charge; the mirror refuses before asking it
    const over = await adminSend(admin.headers, `/invoices/${invoice.id}/refunds`, {
      amount_cents: 2001,
      reason: "duplicate",
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: "refund_exceeds_paid",
      details: { refundable_cents: 2000 },
    });
    expect(mode.stripe.to("POST", "/v1/refunds")).toHaveLength(0);

    // a Dashboard credit note that refunded $5.00 to the card: the charge's refund and the note
    // both arrive, and the $5.00 counts once (refunded, not also credited)
    const stripeCharge = mode.stripe.object<{ amount_refunded: number }>(charge.id)!;
    stripeCharge.amount_refunded = 500;
    await deliver("charge.refunded", stripeCharge as unknown as Record<string, unknown>);
    await deliver("credit_note.created", {
      ...note,
      id: `${note.id}_dashboard`,
      amount: 500,
      refunds: [{ amount_refunded: 500, refund: "re_dashboard", type: "refund" }],
    });
    expect(await detail()).toMatchObject({
      amount_refunded: 500,
      amount_credited: 999,
      refundable: 1500,
    });
    const rest = await adminSend(admin.headers, `/invoices/${invoice.id}/refunds`, {
      reason: "requested_by_customer",
    });
    expect(rest.status).toBe(202);
    expect(mode.stripe.to("POST", "/v1/refunds")[0]!.params.amount).toBe("1500");
  });

  it("makes a manual invoice: draft, items, finalize, then pay; the events mirror it", async () => {
    const { person } = await paidStripeInvoice();
    const customerId = (await customerIdOf(person.userId))!;
    const card = mode.stripe.addCard(customerId);
    mode.stripe.object(customerId)!.invoice_settings = { default_payment_method: card.id };
    const admin = await bearerFor("billing_admin");
    const made = await adminSend(
      admin.headers,
      "/invoices",
      {
        user_id: person.userId,
        lines: [
          { description: "Resume review", amount_cents: 5000 },
          { description: "Cover letter", amount_cents: 2500 },
        ],
        collection: "charge",
      },
      "manual-key-1",
    );
    expect(made.status).toBe(202);
    expect(made.body.data).toMatchObject({ paid: true, collection: "charge" });
    const id = made.body.data.invoice_id as string;
    expect(
      mode.stripe.requests
        .filter((r) => r.method === "POST" && /invoice/.test(r.path))
        .map((r) => [r.path, r.idempotencyKey?.replace(/^.*manual-key-1/, "")]),
    ).toEqual([
      ["/v1/invoices", ":invoice"],
      ["/v1/invoiceitems", ":line:0"],
      ["/v1/invoiceitems", ":line:1"],
      [`/v1/invoices/${id}/finalize`, ":finalize"],
      [`/v1/invoices/${id}/pay`, ":pay"],
    ]);
    expect(mode.stripe.to("POST", "/v1/invoices")[0]!.params).toMatchObject({
      customer: customerId,
      collection_method: "charge_automatically",
      pending_invoice_items_behavior: "exclude",
    });
    await deliver("invoice.payment_succeeded", mode.stripe.object(id)!);
    const detail = await mode.send(`${PAYMENTS}/invoices/${id}`, { headers: admin.headers });
    expect(detail.body.data).toMatchObject({
      status: "paid",
      amount_paid: 7500,
      lines: [
        { description: "Resume review", amount: 5000 },
        { description: "Cover letter", amount: 2500 },
      ],
    });

    // sent: Stripe emails it; the mirror has it open from `invoice.finalized`
    const sent = await adminSend(admin.headers, "/invoices", {
      user_id: person.userId,
      lines: [{ description: "Coaching", amount_cents: 9900 }],
      collection: "send",
      days_until_due: 7,
    });
    const sentId = sent.body.data.invoice_id as string;
    expect(mode.stripe.to("POST", "/v1/invoices").at(-1)!.params).toMatchObject({
      collection_method: "send_invoice",
      days_until_due: "7",
    });
    expect(mode.stripe.to("POST", `/v1/invoices/${sentId}/send`)).toHaveLength(1);
    // Stripe's email, not ours
    expect(
      await countRows(
        "SELECT COUNT(*) AS n FROM email_outbox WHERE to_address = ? AND template = 'invoice_sent'",
        person.email,
      ),
    ).toBe(0);
    await deliver("invoice.finalized", mode.stripe.object(sentId)!);
    const open = await mode.send(`${PAYMENTS}/invoices/${sentId}`, { headers: admin.headers });
    expect(open.body.data).toMatchObject({ status: "open", amount_due: 9900 });
  });
});
