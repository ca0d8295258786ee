import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { workflowRuns } from "../../db/schema";
import type { Env } from "../env";
import { createLogger, errorFields } from "../logger";
import { startWorkflowRun } from "../ops/workflow-runs";

/** The event that ends a dunning flow early: its invoice was paid. */
export const INVOICE_PAID_EVENT = "invoice-paid";

export const dunningInstanceId = (invoiceId: string) => `dunning-${invoiceId}`;

/**
 * One DunningWorkflow per invoice: the instance id is the invoice's, so every later
 * `invoice.payment_failed` for it (each retry reports one) starts nothing new.
 */
export async function startDunning(
  env: Env,
  input: { invoiceId: string; userId: string; subscriptionId: string },
) {
  return startWorkflowRun(env, {
    workflow: "dunning",
    instanceId: dunningInstanceId(input.invoiceId),
    params: input,
    subject: `invoice:${input.invoiceId}`,
    jobId: null,
    createdBy: "stripe-webhook",
  });
}

/** Tells a running dunning flow its invoice is paid; a flow already finished ignores it. */
export async function notifyDunningOfPayment(env: Env, invoiceId: string) {
  const instanceId = dunningInstanceId(invoiceId);
  const run = await createDb(env.DB).query.workflowRuns.findFirst({
    where: eq(workflowRuns.instanceId, instanceId),
  });
  if (!run) return;
  try {
    const instance = await env.DUNNING_WORKFLOW.get(instanceId);
    await instance.sendEvent({ type: INVOICE_PAID_EVENT, payload: { invoice_id: invoiceId } });
  } catch (error) {
    // A finished instance refuses events; its own checks of the invoice cover the rest.
    createLogger(env.LOG_LEVEL).info("dunning flow not told of payment", {
      instance_id: instanceId,
      ...errorFields(error),
    });
  }
}
