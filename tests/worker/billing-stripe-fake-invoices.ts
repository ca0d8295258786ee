import {
  cardDeclined,
  type FakeState,
  json,
  nested,
  type StripeObject,
  stripeError,
  stripeFixture,
} from "./billing-stripe-fake-kit";

/**
 * The fake api.stripe.com's invoices and the money on them (billing-stripe-fake.ts): manual
 * invoices (draft, items, finalize, send, pay, void), refunds and credit notes, as Stripe makes
 * and refuses them.
 */

/**
 * `POST /v1/refunds` against a charge or a PaymentIntent's charge: refused past what the
 * charge has not yet refunded, with Stripe's codes. The refund is the fields Stripe's has
 * that billing reads (there is no refund fixture among ours).
 */
export function refund(state: FakeState, params: Record<string, string>) {
  const { objects, save, newId, now } = state;
  const charge = params.charge
    ? objects.get(params.charge)
    : [...objects.values()].find(
        (object) => object.object === "charge" && object.payment_intent === params.payment_intent,
      );
  if (!charge) return stripeError(404, "No such charge", { code: "resource_missing" });
  const left = (charge.amount as number) - (charge.amount_refunded as number);
  const amount = params.amount === undefined ? left : Number(params.amount);
  if (left <= 0)
    return stripeError(400, `Charge ${charge.id} has already been refunded.`, {
      code: "charge_already_refunded",
    });
  if (amount > left)
    return stripeError(400, "Refund amount is greater than unrefunded amount on charge", {
      code: "amount_too_large",
      param: "amount",
    });
  charge.amount_refunded = (charge.amount_refunded as number) + amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  return json(
    save({
      id: newId("re"),
      object: "refund",
      amount,
      charge: charge.id,
      payment_intent: charge.payment_intent ?? null,
      currency: charge.currency ?? "usd",
      reason: params.reason ?? null,
      status: "succeeded",
      metadata: nested(params, "metadata"),
      created: now(),
    }),
  );
}

/**
 * `POST /v1/credit_notes` against a paid invoice, credited to the customer's balance: refused
 * past what was paid and is neither refunded nor credited, as Stripe refuses it. Built from the
 * fields Stripe's credit note has that billing reads (there is no fixture among ours).
 */
export function creditNote(state: FakeState, params: Record<string, string>) {
  const { objects, save, newId, now } = state;
  const invoice = objects.get(params.invoice ?? "");
  if (!invoice) return stripeError(404, "No such invoice", { code: "resource_missing" });
  if (invoice.status !== "paid")
    return stripeError(400, "You can only issue a credit note against a paid invoice here.");
  const intents = [...objects.values()]
    .filter((o) => o.object === "invoice_payment" && o.invoice === invoice.id)
    .map((o) => (o.payment as { payment_intent?: string }).payment_intent);
  const refunded = [...objects.values()]
    .filter((o) => o.object === "charge" && intents.includes(o.payment_intent as string))
    .reduce((sum, o) => sum + ((o.amount_refunded as number) ?? 0), 0);
  const notes = [...objects.values()].filter(
    (o) => o.object === "credit_note" && o.invoice === invoice.id && o.status === "issued",
  );
  const credited = notes.reduce((sum, o) => sum + (o.amount as number), 0);
  const amount = Number(params.amount);
  if (amount > (invoice.amount_paid as number) - refunded - credited)
    return stripeError(400, "The credit note amount exceeds the amount remaining on the invoice.", {
      param: "amount",
    });
  return json(
    save({
      id: newId("cn"),
      object: "credit_note",
      invoice: invoice.id,
      customer: invoice.customer,
      number: `${invoice.number}-CN-${notes.length + 1}`,
      amount,
      total: amount,
      credit_amount: Number(params.credit_amount ?? 0),
      // credited to the balance: nothing went back to the card
      refunds: [],
      currency: invoice.currency ?? "usd",
      reason: params.reason ?? null,
      memo: params.memo ?? null,
      metadata: nested(params, "metadata"),
      status: "issued",
      type: "post_payment",
      created: now(),
    }),
  );
}

/** `POST /v1/invoices` and `POST /v1/invoiceitems`, or null for another path. */
export function createInvoiceOrItem(
  state: FakeState,
  path: string,
  params: Record<string, string>,
): Response | null {
  const { objects, save, newId, now } = state;
  if (path === "/v1/invoices") {
    // A draft with no lines yet (`pending_invoice_items_behavior: exclude`).
    return json(
      save(
        stripeFixture("invoice", {
          id: newId("in"),
          customer: params.customer,
          status: "draft",
          number: null,
          collection_method: params.collection_method,
          billing_reason: "manual",
          amount_due: 0,
          amount_paid: 0,
          amount_remaining: 0,
          total: 0,
          subtotal: 0,
          attempt_count: 0,
          subscription: null,
          parent: null,
          lines: { data: [] },
          metadata: nested(params, "metadata"),
          status_transitions: { paid_at: null },
          created: now(),
        }),
      ),
    );
  }
  if (path === "/v1/invoiceitems") {
    const invoice = objects.get(params.invoice ?? "");
    if (invoice?.status !== "draft")
      return stripeError(400, "Invoice items can only be added to a draft invoice.");
    const amount = Number(params.amount);
    (invoice.lines as { data: object[] }).data.push({
      id: newId("il"),
      object: "line_item",
      invoice: invoice.id,
      amount,
      currency: params.currency,
      description: params.description,
      parent: { type: "invoice_item_details", invoice_item_details: { proration: false } },
    });
    for (const field of ["amount_due", "amount_remaining", "total", "subtotal"])
      invoice[field] = (invoice[field] as number) + amount;
    return json(save({ id: newId("ii"), object: "invoiceitem", invoice: invoice.id, amount }));
  }
  return null;
}

/** `POST /v1/invoices/{id}/{finalize|send|void|pay}`, or null for another action. */
export function invoiceAction(
  state: FakeState,
  existing: StripeObject,
  action: string | undefined,
  params: Record<string, string>,
): Response | null {
  const { objects, now, chargedCard, declining } = state;
  if (action === "finalize") {
    if (existing.status !== "draft") return stripeError(400, "This invoice is already finalized.");
    existing.status = "open";
    existing.number = `FAKE-${state.bump()}`;
    return json(existing);
  }
  if (action === "send") {
    if (existing.status !== "open") return stripeError(400, "Only an open invoice can be sent.");
    return json(existing);
  }
  if (action === "void") {
    // Stripe voids only a finalized, unpaid invoice.
    if (existing.status !== "open")
      return stripeError(400, `You can only void open invoices; this one is ${existing.status}.`);
    existing.status = "void";
    existing.amount_remaining = 0;
    existing.status_transitions = {
      ...(existing.status_transitions as object),
      voided_at: now(),
    };
    return json(existing);
  }
  if (action === "pay") {
    if (existing.status === "paid") return stripeError(400, "Invoice is already paid");
    // As Stripe: the named card, else the invoice's subscription's, else the customer's.
    const parent = existing.parent as { subscription_details?: { subscription?: string } };
    const sub = objects.get(parent?.subscription_details?.subscription ?? "");
    const card = chargedCard(
      existing.customer as string,
      params.payment_method ?? sub?.default_payment_method,
    );
    if (!card) return stripeError(400, "There is no payment method to charge.");
    if (declining.has(card)) return cardDeclined();
    existing.status = "paid";
    existing.amount_paid = existing.amount_due;
    existing.amount_remaining = 0;
    existing.attempt_count = (existing.attempt_count as number) + 1;
    existing.status_transitions = { ...(existing.status_transitions as object), paid_at: now() };
    return json(existing);
  }
  return null;
}

/**
 * An invoice of a subscription, with the payment Stripe links it to: a PaymentIntent,
 * its charge, and the `invoice_payment` naming that PaymentIntent (a charge no longer
 * names its invoice).
 */
export function addInvoice(
  state: FakeState,
  input: {
    customer: string;
    subscription: string;
    amount: number;
    status: "open" | "paid";
    lines?: Record<string, unknown>[];
  },
) {
  const { save, newId, now, chargedCard } = state;
  const invoiceId = newId("in");
  const intent = newId("pi");
  const base = stripeFixture<StripeObject & { lines: { data: StripeObject[] } }>("invoice");
  const invoice = save(
    stripeFixture("invoice", {
      id: invoiceId,
      customer: input.customer,
      status: input.status,
      number: `FAKE-${state.counter()}`,
      billing_reason: "subscription_cycle",
      amount_due: input.amount,
      amount_paid: input.status === "paid" ? input.amount : 0,
      amount_remaining: input.status === "paid" ? 0 : input.amount,
      total: input.amount,
      subtotal: input.amount,
      attempt_count: 1,
      subscription: null,
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { metadata: {}, subscription: input.subscription },
      },
      lines: {
        data: input.lines ?? [
          { ...base.lines.data[0], id: newId("il"), invoice: invoiceId, amount: input.amount },
        ],
      },
      status_transitions: { paid_at: input.status === "paid" ? now() : null },
      created: now(),
    }),
  );
  const charge = save(
    stripeFixture("charge", {
      id: newId("ch"),
      customer: input.customer,
      amount: input.amount,
      amount_captured: input.amount,
      captured: true,
      payment_intent: intent,
      payment_method: chargedCard(input.customer),
      created: now(),
    }),
  );
  save(
    stripeFixture("invoice_payment", {
      id: newId("inpay"),
      invoice: invoiceId,
      currency: "usd",
      amount_requested: input.amount,
      amount_paid: input.status === "paid" ? input.amount : null,
      livemode: false,
      status: input.status === "paid" ? "paid" : "open",
      payment: { type: "payment_intent", payment_intent: intent },
      created: now(),
    }),
  );
  return { invoice, charge };
}
