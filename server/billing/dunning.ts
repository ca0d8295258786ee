import { and, desc, eq, isNull, ne } from "drizzle-orm";
import type { DunningParams } from "../../core/workflows/params";
import { createDb } from "../../db/client";
import {
  type InvoiceRow,
  invoices,
  paymentMethods,
  type SubscriptionRow,
  subscriptions,
  workflowRuns,
} from "../../db/schema";
import type { Env } from "../env";
import { createLogger, errorFields } from "../logger";
import { startWorkflowRun } from "../ops/workflow-runs";

/**
 * The event that wakes a dunning flow's wait: its invoice was paid or voided, or an admin moved
 * the end of grace (README "Admin: payments"). The flow then reads D1 to see which.
 */
export const DUNNING_WAKE_EVENT = "dunning-wake";

export const dunningInstanceId = (invoiceId: string) => `dunning-${invoiceId}`;

/**
 * One DunningWorkflow per invoice: the instance id is the invoice's, so every later
 * `invoice.payment_failed` for it (each retry reports one) starts nothing new.
 */
export async function startDunning(env: Env, input: DunningParams, now: number) {
  return startWorkflowRun(env, {
    workflow: "dunning",
    instanceId: dunningInstanceId(input.invoiceId),
    params: input,
    subject: `invoice:${input.invoiceId}`,
    jobId: null,
    createdBy: "stripe-webhook",
    now,
  });
}

/** Tells a running dunning flow its invoice is paid; a flow already finished ignores it. */
export const notifyDunningOfPayment = (env: Env, invoiceId: string) =>
  wakeDunning(env, invoiceId, "invoice_settled");

/** Wakes the invoice's dunning flow, if there is one, to look at D1 again. */
export async function wakeDunning(
  env: Env,
  invoiceId: string,
  reason: "invoice_settled" | "grace_extended",
) {
  const instanceId = dunningInstanceId(invoiceId);
  const run = await createDb(env.DB).query.workflowRuns.findFirst({
    where: eq(workflowRuns.instanceId, instanceId),
  });
  if (!run) return;
  try {
    const instance = await env.DUNNING_WORKFLOW.get(instanceId);
    await instance.sendEvent({
      type: DUNNING_WAKE_EVENT,
      payload: { invoice_id: invoiceId, reason },
    });
  } catch (error) {
    // A finished instance refuses events; its own checks of the invoice cover the rest.
    createLogger(env.LOG_LEVEL).info("dunning flow not woken", {
      instance_id: instanceId,
      reason,
      ...errorFields(error),
    });
  }
}

/** The flow's invoice, only if it is the account's (null: not recorded, or not theirs). */
export async function findDunningInvoice(
  env: Pick<Env, "DB">,
  subject: DunningParams,
): Promise<InvoiceRow | null> {
  const row = await createDb(env.DB).query.invoices.findFirst({
    where: and(eq(invoices.id, subject.invoiceId), eq(invoices.userId, subject.userId)),
  });
  return row ?? null;
}

export async function findDunningSubscription(
  env: Pick<Env, "DB">,
  subject: DunningParams,
): Promise<SubscriptionRow | null> {
  const row = await createDb(env.DB).query.subscriptions.findFirst({
    where: eq(subscriptions.id, subject.subscriptionId),
  });
  return row ?? null;
}

/** A card on file other than the subscription's default one, newest first (the 6 h retry). */
export async function otherPaymentMethod(
  env: Pick<Env, "DB">,
  subject: DunningParams,
): Promise<string | null> {
  const subscription = await findDunningSubscription(env, subject);
  const other = await createDb(env.DB).query.paymentMethods.findFirst({
    where: and(
      eq(paymentMethods.userId, subject.userId),
      isNull(paymentMethods.detachedAt),
      ne(paymentMethods.id, subscription?.defaultPaymentMethodId ?? ""),
    ),
    orderBy: desc(paymentMethods.createdAt),
  });
  return other?.id ?? null;
}
