import type { WorkflowName } from "../core/workflows/runs";
import type { Env } from "../server/env";

export { WORKFLOW_NAMES, type WorkflowName } from "../core/workflows/runs";

/** The binding that runs each durable flow. */
export const WORKFLOW_BINDINGS = {
  backup: "BACKUP_WORKFLOW",
  signup: "SIGNUP_WORKFLOW",
  export: "EXPORT_WORKFLOW",
  moderation: "MODERATION_WORKFLOW",
  dunning: "DUNNING_WORKFLOW",
  "ban-escalation": "BAN_ESCALATION_WORKFLOW",
} as const satisfies Record<WorkflowName, keyof Env>;

export const workflowBinding = (env: Env, name: WorkflowName): Workflow =>
  env[WORKFLOW_BINDINGS[name]];
