import type { WorkflowName } from "../../core/workflows/runs";
import type { Env } from "../env";

/**
 * The binding that runs each durable flow. It lives with the services (not in workflows/)
 * because the services start and control runs, and server/ never imports workflows/
 * (docs/architecture.md).
 */
export const WORKFLOW_BINDINGS = {
  backup: "BACKUP_WORKFLOW",
  signup: "SIGNUP_WORKFLOW",
  export: "EXPORT_WORKFLOW",
  moderation: "MODERATION_WORKFLOW",
  dunning: "DUNNING_WORKFLOW",
  "ban-escalation": "BAN_ESCALATION_WORKFLOW",
  "bulk-email": "BULK_EMAIL_WORKFLOW",
  "analytics-backfill": "ANALYTICS_BACKFILL_WORKFLOW",
  "data-export": "DATA_EXPORT_WORKFLOW",
  "account-deletion": "ACCOUNT_DELETION_WORKFLOW",
} as const satisfies Record<WorkflowName, keyof Env>;

/** Any flow's binding, for code that handles runs of every kind (its params are unknown). */
export const workflowBinding = (env: Env, name: WorkflowName): Workflow =>
  env[WORKFLOW_BINDINGS[name]];
