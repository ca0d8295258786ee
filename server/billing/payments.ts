import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { PaymentMethodSnapshot } from "../../core/billing/stripe-payment-method";
import { createDb } from "../../db/client";
import { type InvoiceRow, invoices, paymentMethods, resumes, usageCounters } from "../../db/schema";
import { planTable } from "../config/plan-table";
import { publicUrl } from "../email";
import type { Env } from "../env";
import { conflict, notFound } from "../errors";
import { limitOf } from "./entitlements";
import { billingProvider, paymentFailed } from "./provider";
import { currentSubscription, customerOfUser, recordBillingEvent } from "./records";
import { type Account, ensureCustomer } from "./subscriptions";
import { currentPeriod } from "./usage";

/** Payment methods, invoices and usage for the signed-in person. */

const cardsOnFile = (env: Env, userId: string) =>
  createDb(env.DB)
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.userId, userId), isNull(paymentMethods.detachedAt)))
    .orderBy(desc(paymentMethods.createdAt));

/**
 * The live subscription and the card the provider charges: the subscription's own card, else
 * the customer's default (mirrored from `customer.updated`); with neither, no card.
 */
async function chargedCard(env: Env, userId: string) {
  const [sub, customer] = await Promise.all([
    currentSubscription(env, userId),
    customerOfUser(env, userId),
  ]);
  return {
    sub,
    defaultId: sub?.defaultPaymentMethodId ?? customer?.defaultPaymentMethodId ?? null,
  };
}

export async function listPaymentMethods(env: Env, userId: string) {
  const [rows, { defaultId }] = await Promise.all([
    cardsOnFile(env, userId),
    chargedCard(env, userId),
  ]);
  return rows.map((row) => ({
    ...paymentMethodBody(row),
    is_default: row.id === defaultId,
    created_at: new Date(row.createdAt).toISOString(),
  }));
}

/**
 * A payment method of any type as the API shows it: its type and what identifies it to its
 * owner; what the type does not have is null (a bank account has no expiry, PayPal no last
 * four). The apps compose the words (core/billing/payment-method-label.ts).
 */
const paymentMethodBody = (pm: Omit<PaymentMethodSnapshot, "customerId">) => ({
  id: pm.id,
  type: pm.type,
  brand: pm.brand,
  last4: pm.last4,
  exp_month: pm.expMonth,
  exp_year: pm.expYear,
  wallet: pm.wallet,
  bank_name: pm.bankName,
  email: pm.email,
});

/**
 * The rule both ways of adding a card follow ("Add a card" and a PaymentMethod id): the new
 * card becomes the default when asked, or when no card on file is the default (Stripe does
 * not make an attached card the default by itself).
 */
async function newCardDefault(env: Env, userId: string, asked: boolean) {
  const [rows, { sub, defaultId }] = await Promise.all([
    cardsOnFile(env, userId),
    chargedCard(env, userId),
  ]);
  return {
    subscriptionId: sub?.id ?? null,
    makeDefault: asked || !rows.some((row) => row.id === defaultId),
  };
}

async function ownPaymentMethod(env: Env, userId: string, id: string) {
  const row = await createDb(env.DB).query.paymentMethods.findFirst({
    where: and(
      eq(paymentMethods.id, id),
      eq(paymentMethods.userId, userId),
      isNull(paymentMethods.detachedAt),
    ),
  });
  if (!row) throw notFound("Payment method");
  return row;
}

export async function addPaymentMethod(
  env: Env,
  account: Account,
  input: { paymentMethodId: string; makeDefault: boolean },
  key: string,
  now: number,
) {
  const customerId = await ensureCustomer(env, account, now);
  const provider = await billingProvider(env);
  const { subscriptionId, makeDefault } = await newCardDefault(env, account.id, input.makeDefault);
  const pm = await provider.attachPaymentMethod(
    { customerId, paymentMethodId: input.paymentMethodId },
    key,
  );
  if (makeDefault) {
    await provider.setDefaultPaymentMethod(
      { customerId, subscriptionId, paymentMethodId: pm.id },
      `${key}:default`,
    );
  }
  await recordBillingEvent(env, {
    userId: account.id,
    customerId,
    type: "payment_method.add_requested",
    source: "api",
    detail: {
      payment_method_id: pm.id,
      type: pm.type,
      brand: pm.brand,
      last4: pm.last4,
      make_default: makeDefault,
    },
    idempotencyKey: key,
    at: now,
  });
  return paymentMethodBody(pm);
}

/**
 * `POST /payment-methods/setup`: a setup-mode Checkout session ("Add a card"), for any
 * account, Free included. A browser cannot make a PaymentMethod id without Stripe.js, so the
 * card is entered on Stripe Checkout (or the local checkout page). The saved card becomes the
 * default when asked, or when the account has none yet — the webhook consumer does that when
 * the session completes (`applyCheckout`), so nothing here changes the account's cards.
 */
export async function startCardSetup(
  env: Env,
  account: Account,
  input: { makeDefault: boolean },
  key: string,
  now: number,
) {
  const customerId = await ensureCustomer(env, account, now);
  const { subscriptionId, makeDefault } = await newCardDefault(env, account.id, input.makeDefault);
  const session = await (await billingProvider(env)).createCheckout(
    {
      mode: "setup",
      userId: account.id,
      customerId,
      email: account.email,
      plan: null,
      subscriptionId,
      makeDefault,
      successUrl: publicUrl(env, "/account/billing?card=added"),
      cancelUrl: publicUrl(env, "/account/billing?card=canceled"),
    },
    key,
  );
  await recordBillingEvent(env, {
    userId: account.id,
    customerId,
    type: "card_setup.created",
    source: "api",
    detail: {
      session_id: session.id,
      make_default: makeDefault,
      subscription_id: subscriptionId,
    },
    idempotencyKey: key,
    at: now,
  });
  return { checkout_url: session.url, session_id: session.id };
}

export async function setDefaultPaymentMethod(
  env: Env,
  account: Account,
  id: string,
  key: string,
  now: number,
) {
  const row = await ownPaymentMethod(env, account.id, id);
  const sub = await currentSubscription(env, account.id);
  await (await billingProvider(env)).setDefaultPaymentMethod(
    { customerId: row.customerId, subscriptionId: sub?.id ?? null, paymentMethodId: id },
    key,
  );
  await recordBillingEvent(env, {
    userId: account.id,
    customerId: row.customerId,
    type: "payment_method.default_requested",
    source: "api",
    detail: { payment_method_id: id },
    idempotencyKey: key,
    at: now,
  });
}

/** The last card of a paying subscription stays: without it the next renewal would fail. */
export async function removePaymentMethod(env: Env, account: Account, id: string, now: number) {
  const row = await ownPaymentMethod(env, account.id, id);
  const [sub, cards] = await Promise.all([
    currentSubscription(env, account.id),
    cardsOnFile(env, account.id),
  ]);
  const paying = sub && ["active", "past_due"].includes(sub.status) && !sub.cancelAtPeriodEnd;
  if (paying && cards.length === 1) {
    throw conflict(
      "Add another payment method before removing the only one of an active subscription",
    );
  }
  if (paying && sub.defaultPaymentMethodId === id) {
    throw conflict("Make another payment method the default before removing this one");
  }
  await (await billingProvider(env)).detachPaymentMethod(id);
  await recordBillingEvent(env, {
    userId: account.id,
    customerId: row.customerId,
    type: "payment_method.remove_requested",
    source: "api",
    detail: { payment_method_id: id },
    at: now,
  });
}

export const invoiceBody = (row: InvoiceRow) => ({
  id: row.id,
  number: row.number,
  status: row.status,
  currency: row.currency,
  amount_due: row.amountDue,
  amount_paid: row.amountPaid,
  amount_refunded: row.amountRefunded,
  amount_credited: row.amountCredited,
  billing_reason: row.billingReason,
  subscription_id: row.subscriptionId,
  period_start: row.periodStart === null ? null : new Date(row.periodStart * 1000).toISOString(),
  period_end: row.periodEnd === null ? null : new Date(row.periodEnd * 1000).toISOString(),
  lines: JSON.parse(row.linesJson) as { description: string; amount: number; proration: boolean }[],
  attempt_count: row.attemptCount,
  hosted_url: row.hostedUrl,
  pdf_available: row.pdfKey !== null,
  paid_at: row.paidAt === null ? null : new Date(row.paidAt).toISOString(),
  created_at: new Date(row.createdAt).toISOString(),
});

export async function listInvoices(
  env: Env,
  userId: string,
  page: { page: number; perPage: number },
) {
  const db = createDb(env.DB);
  const where = eq(invoices.userId, userId);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(invoices)
      .where(where)
      .orderBy(desc(invoices.createdAt))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ value: count() }).from(invoices).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

export async function findInvoice(env: Env, userId: string, id: string): Promise<InvoiceRow> {
  const row = await createDb(env.DB).query.invoices.findFirst({
    where: and(eq(invoices.id, id), eq(invoices.userId, userId)),
  });
  if (!row) throw notFound("Invoice");
  return row;
}

/** `POST /invoices/:id/pay`: charges now; the invoice's record follows via the webhook. */
export async function payInvoice(
  env: Env,
  account: Account,
  id: string,
  paymentMethodId: string | null,
  key: string,
  now: number,
) {
  const invoice = await findInvoice(env, account.id, id);
  if (invoice.status === "paid") throw conflict("This invoice is already paid");
  if (invoice.status !== "open")
    throw conflict(`This invoice is ${invoice.status} and cannot be paid`);
  if (paymentMethodId) await ownPaymentMethod(env, account.id, paymentMethodId);
  const result = await (await billingProvider(env)).payInvoice(
    { invoiceId: id, paymentMethodId },
    key,
  );
  await recordBillingEvent(env, {
    userId: account.id,
    customerId: invoice.customerId,
    type: "invoice.pay_requested",
    source: "api",
    detail: { invoice_id: id, payment_method_id: paymentMethodId, paid: result.paid },
    idempotencyKey: key,
    at: now,
  });
  if (!result.paid) throw paymentFailed(result.message);
  return { invoice_id: id, paid: true as const };
}

/** Resumes kept, and this month's exports and writing-help calls, against the plan. */
export async function usageOf(env: Env, account: Account, now: number) {
  const db = createDb(env.DB);
  const period = currentPeriod(now);
  const [[resumeCount], counters] = await Promise.all([
    db
      .select({ value: count() })
      .from(resumes)
      .where(and(eq(resumes.userId, account.id), isNull(resumes.deletedAt))),
    db
      .select({ metric: usageCounters.metric, count: usageCounters.count })
      .from(usageCounters)
      .where(and(eq(usageCounters.userId, account.id), eq(usageCounters.period, period))),
  ]);
  const used = (metric: string) => counters.find((c) => c.metric === metric)?.count ?? 0;
  const holder = { plan: account.plan, plans: await planTable(env) };
  return {
    plan: account.plan,
    period,
    resets_at: new Date(
      Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 1),
    ).toISOString(),
    resumes: { used: resumeCount?.value ?? 0, limit: limitOf(holder, "resumes") },
    exports: { used: used("exports"), limit: limitOf(holder, "exports") },
    ai_calls: { used: used("ai_calls"), limit: limitOf(holder, "ai_calls") },
  };
}
