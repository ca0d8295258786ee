import { z } from "zod";
import { BACKUP_STATUSES } from "../backup/manifest";
import { STRIPE_EVENT_STATUSES } from "../billing/states";
import { RUN_STATUSES } from "../workflows/runs";
import { workflowStepRecordSchema } from "./workflow-runs";

/**
 * The wire shapes of the operator API (README "Administration"): the audit log, workflow
 * runs, backups, received Stripe events, and the health report. The routes under
 * `api/routes/admin/` and `api/routes/health.ts` describe their answers with these; the admin
 * app reads the inferred types (`admin-ui/src/api/*`).
 */

// ---- Audit log ----

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor_id: z.string(),
    actor_role: z.string(),
    action: z.string(),
    resource_type: z.string(),
    resource_id: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    request_id: z.string().nullable(),
  })
  .meta({ id: "AuditEntry" });

// ---- Workflow runs ----

export const runStatusSchema = z.enum(RUN_STATUSES);

export const workflowRunSchema = z
  .object({
    instance_id: z.string(),
    workflow: z.string(),
    subject: z.string(),
    /** The subject for people (an email, a resume's title, a backup's time) and its admin page. */
    subject_label: z.string(),
    subject_href: z.string().nullable(),
    job_id: z.string().nullable(),
    created_by: z.string(),
    status: runStatusSchema,
    error: z.string().nullable(),
    params: z.unknown(),
    restarts: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "WorkflowRun" });

/** One progress event of the run's job (`job_events`). */
export const runStepSchema = z.object({
  status: z.string(),
  step: z.string().nullable(),
  percent: z.number(),
  message: z.string().nullable(),
  at: z.string(),
});

export const workflowRunDetailSchema = workflowRunSchema
  .extend({
    output: z.unknown(),
    steps: z.array(runStepSchema),
    /** Every attempt, sleep and wait as mirrored to D1 (README "Workflow runs"), oldest first. */
    step_history: z.array(workflowStepRecordSchema),
  })
  .meta({ id: "WorkflowRunDetail" });

// ---- Backups ----

export const backupSchema = z
  .object({
    id: z.string(),
    job_id: z.string(),
    status: z.enum(BACKUP_STATUSES),
    created_at: z.string(),
    completed_at: z.string().nullable(),
    table_count: z.number().int(),
    row_count: z.number().int(),
    bytes: z.number().int(),
  })
  .meta({ id: "Backup" });

export const backupRequestSchema = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .strict();

export const backupStartedSchema = z.object({
  job_id: z.string(),
  workflow_instance_id: z.string(),
});

// ---- Received Stripe events (README "Stuck billing events") ----

export const stripeEventStatusSchema = z.enum(STRIPE_EVENT_STATUSES);

export const stripeEventSchema = z
  .object({
    seq: z.number().int(),
    event_id: z.string(),
    type: z.string(),
    customer_id: z.string().nullable(),
    account: z.object({ user_id: z.string(), email: z.string() }).nullable(),
    status: stripeEventStatusSchema,
    error: z.string().nullable(),
    created: z.string().meta({ description: "When Stripe created the event" }),
    received_at: z.string(),
    processed_at: z.string().nullable(),
  })
  .meta({ id: "StripeEvent" });

export const stripeEventDetailSchema = stripeEventSchema
  .extend({ payload: z.unknown() })
  .meta({ id: "StripeEventDetail" });

/** What a retry or skip did (`changed` is false for a repeat that found the work done). */
export const stripeEventActionSchema = z
  .object({
    event: stripeEventSchema,
    requeued: z.array(z.string()).meta({ description: "Event ids queued again" }),
    changed: z.boolean().meta({ description: "False for a repeat that found the work done" }),
  })
  .meta({ id: "StripeEventAction" });

export const stripeEventRetryRequestSchema = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .strict();

export const stripeEventSkipRequestSchema = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict();

// ---- Health ----

export const BINDING_STATUSES = ["ok", "error", "not_configured"] as const;

export const bindingHealthSchema = z.object({
  status: z.enum(BINDING_STATUSES),
  latency_ms: z.number().optional(),
  detail: z.string().optional(),
});

/** `GET /api/health`: 200 when ok, 503 when degraded, the same shape. */
export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    environment: z.string(),
    version: z.string(),
    bindings: z.record(z.string(), bindingHealthSchema),
  })
  .meta({ id: "Health" });

export type { BackupStatus } from "../backup/manifest";
export type { StripeEventStatus } from "../billing/states";
export type { RunStatus } from "../workflows/runs";
export type AuditEntry = z.output<typeof auditEntrySchema>;
export type WorkflowRun = z.output<typeof workflowRunSchema>;
export type RunStep = z.output<typeof runStepSchema>;
export type WorkflowRunDetail = z.output<typeof workflowRunDetailSchema>;
export type BackupRecord = z.output<typeof backupSchema>;
export type BackupStarted = z.output<typeof backupStartedSchema>;
export type StripeEvent = z.output<typeof stripeEventSchema>;
export type StripeEventDetail = z.output<typeof stripeEventDetailSchema>;
export type StripeEventAction = z.output<typeof stripeEventActionSchema>;
export type BindingStatus = (typeof BINDING_STATUSES)[number];
export type BindingHealth = z.output<typeof bindingHealthSchema>;
export type HealthReport = z.output<typeof healthSchema>;
