/**
 * The durable flows and what operators may do to their runs: one list for the Worker
 * (bindings, API validation, the 409 check) and the admin app (filters, buttons).
 */
export const WORKFLOW_NAMES = [
  "backup",
  "signup",
  "export",
  "moderation",
  "dunning",
  "ban-escalation",
  "bulk-email",
  "analytics-backfill",
  "data-export",
  "account-deletion",
] as const;
export type WorkflowName = (typeof WORKFLOW_NAMES)[number];

/**
 * Cloudflare Workflows instance statuses (`InstanceStatus`), as recorded and reported;
 * `waitingForPause` is a run finishing its current step before it pauses.
 */
export const RUN_STATUSES = [
  "queued",
  "running",
  "paused",
  "waiting",
  "waitingForPause",
  "complete",
  "errored",
  "terminated",
  "unknown",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_ACTIONS = ["pause", "resume", "terminate", "restart"] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

export const ACTIONS_ALLOWED_FROM: Record<RunAction, readonly string[]> = {
  pause: ["queued", "running", "waiting"],
  resume: ["paused"],
  terminate: ["queued", "running", "paused", "waiting", "waitingForPause"],
  // a run in any state Cloudflare reports can be started again with its params
  restart: RUN_STATUSES.filter((status) => status !== "unknown"),
};

/** Statuses that can still change without an operator: worth refreshing. */
export const LIVE_STATUSES: readonly string[] = ["queued", "running", "waiting", "waitingForPause"];

export const canApply = (action: RunAction, status: string): boolean =>
  ACTIONS_ALLOWED_FROM[action].includes(status);

/** What a mirrored step was: a `step.do` attempt, a sleep, or a wait for an event. */
export const STEP_KINDS = ["do", "sleep", "wait"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Where a mirrored step stands; `waiting` is a sleep or event wait not known to be over. */
export const STEP_STATUSES = ["running", "succeeded", "failed", "waiting"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
