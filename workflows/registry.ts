import type { Env } from "../api/env";

/** Every durable flow, by the name operators see, and the binding that runs it. */
export const WORKFLOW_BINDINGS = {
  backup: "BACKUP_WORKFLOW",
  signup: "SIGNUP_WORKFLOW",
  export: "EXPORT_WORKFLOW",
  moderation: "MODERATION_WORKFLOW",
  dunning: "DUNNING_WORKFLOW",
  "ban-escalation": "BAN_ESCALATION_WORKFLOW",
} as const satisfies Record<string, keyof Env>;

export type WorkflowName = keyof typeof WORKFLOW_BINDINGS;
export const WORKFLOW_NAMES = Object.keys(WORKFLOW_BINDINGS) as [WorkflowName, ...WorkflowName[]];

export const workflowBinding = (env: Env, name: WorkflowName): Workflow =>
  env[WORKFLOW_BINDINGS[name]];
