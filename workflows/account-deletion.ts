import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { type AccountDeletionParams, accountDeletionParamsSchema } from "../core/workflows/params";
import type { Env } from "../server/env";
import {
  assertBillingSettled,
  beginDeletion,
  cancelSubscriptions,
  completeDeletion,
  deleteAccountFiles,
  deleteAccountRecords,
  deleteBillingCustomers,
  failDeletion,
  removeCustomHostname,
  sendDeletionConfirmation,
} from "../server/gdpr/delete-account";
import { setRunStatus } from "../server/ops/workflow-runs";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";

const RETRY = {
  retries: { limit: 5, delay: "10 seconds", backoff: "exponential" },
  timeout: "5 minutes",
} as const;

/** Billing's webhook events may take a while (Stripe retries for days): keep asking. */
const SETTLE = {
  retries: { limit: 20, delay: "1 second", backoff: "exponential" },
  timeout: "1 minute",
} as const;

/**
 * An account's deletion (README "Your data"): sleeps through the grace, then — unless the
 * person cancelled, which the "begin" step's conditional write makes final — sends the
 * confirmation, ends billing through the provider, removes the custom hostname, deletes files
 * and records (server/gdpr/account-data-map.ts) and marks the deletion complete. Every step is
 * idempotent, so a restart repeats nothing that matters.
 */
export class AccountDeletionWorkflow extends WorkflowEntrypoint<Env, AccountDeletionParams> {
  override async run(event: Readonly<WorkflowEvent<AccountDeletionParams>>, rawStep: WorkflowStep) {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "account-deletion", event, rawStep);
    const { deletionId, userId } = parseParams(accountDeletionParamsSchema, event.payload);
    const env = this.env;
    await step.do("mark running", () =>
      setRunStatus(env, event.instanceId, "running", null, Date.now()),
    );
    const scheduledFor = await step.do("read schedule", async () => {
      const row = await env.DB.prepare("SELECT scheduled_for FROM account_deletions WHERE id = ?")
        .bind(deletionId)
        .first<{ scheduled_for: number }>();
      return row?.scheduled_for ?? null;
    });
    if (scheduledFor !== null) await step.sleepUntil("grace", new Date(scheduledFor));
    const proceed = await step.do("begin", RETRY, () => beginDeletion(env, deletionId, Date.now()));
    if (!proceed) {
      await step.do("mark cancelled", () =>
        setRunStatus(env, event.instanceId, "complete", null, Date.now()),
      );
      return { deletionId, state: "cancelled" as const };
    }
    try {
      await step.do("send confirmation", RETRY, () =>
        sendDeletionConfirmation(env, deletionId, userId, Date.now()),
      );
      await step.do("cancel subscriptions", RETRY, () =>
        cancelSubscriptions(env, deletionId, userId),
      );
      await step.do("await billing", SETTLE, () => assertBillingSettled(env, userId));
      await step.do("delete customer", RETRY, () => deleteBillingCustomers(env, userId));
      await step.do("remove custom domain", RETRY, () => removeCustomHostname(env, userId));
      await step.do("delete files", RETRY, () => deleteAccountFiles(env, userId));
      await step.do("delete records", RETRY, () => deleteAccountRecords(env, userId));
      await step.do("complete", RETRY, () => completeDeletion(env, deletionId, userId, Date.now()));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await step.do("mark failed", async () => {
        await failDeletion(env, deletionId, message, Date.now());
        await setRunStatus(env, event.instanceId, "errored", message, Date.now());
      });
      throw error;
    }
    await step.do("mark complete", () =>
      setRunStatus(env, event.instanceId, "complete", null, Date.now()),
    );
    return { deletionId, state: "completed" as const };
  }
}
