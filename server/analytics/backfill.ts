import { mrrOf } from "../../core/analytics/mrr";
import {
  ANALYTICS_BACKFILL_JOB_KIND,
  type AnalyticsEvent,
  type AnalyticsEventType,
  type BackfillSource,
} from "../../core/contract/analytics";
import { isTerminal } from "../../core/jobs/status";
import { isPlan, type Plan } from "../../core/plans/entitlements";
import type { Env } from "../env";
import { conflict } from "../errors";
import { createJob, getJob, type JobView } from "../ops/jobs";
import { startWorkflowRun } from "../ops/workflow-runs";
import { ingestEvents } from "./ingest";

/**
 * The analytics backfill (README "Analytics", backfill): the events of what happened before
 * live tracking began, derived from the tables that already record it, one bounded page of
 * one source table per workflow step (workflows/analytics-backfill.ts).
 *
 * Every derived event has the id live tracking gives the same fact (`user.signed_up:{user}`,
 * `resume.created:{resume}`, `export.completed:{job}`, `invoice:{id}:paid`, …), and ingest keeps
 * an id once, so a second backfill, or one after live events, counts nothing twice. Live
 * subscription events are named after the provider's event, which a subscription row does not
 * keep: those get ids under `backfill:`, and what live tracking already sent for a subscription
 * (a stored provider event of it produced an analytics event) is left out.
 *
 * What the rows do not keep is not invented: share views (only a running count is stored) are
 * not backfilled, nor a subscription's plan changes (its row holds the plan it is on now).
 */

/** Source rows read per step: at most two events each, one D1 batch of inserts. */
export const BACKFILL_PAGE = 500;

export interface BackfillPage {
  /** The rowid to continue after, or null when the source is done. */
  next: number | null;
  rows: number;
  events: number;
}

/**
 * The plan an account was on at a moment: that of its subscription covering it (started at or
 * before, not ended by then), else Free. Times: `created_at` ms, `ended_at` s.
 */
const planAt = (user: string, at: string) =>
  `coalesce((SELECT s.plan FROM subscriptions s WHERE s.user_id = ${user} AND s.created_at <= ${at}
      AND (s.ended_at IS NULL OR s.ended_at * 1000 > ${at}) ORDER BY s.created_at DESC LIMIT 1), 'free')`;

/**
 * Whether live tracking sent a `type` event for subscription `s`: its id is a stored provider
 * event's id (one about `s`, of its customer) and the type.
 */
const tracked = (type: string) =>
  `EXISTS (SELECT 1 FROM stripe_events e JOIN analytics_events a ON a.id = e.event_id || ':${type}'
      WHERE e.customer_id = s.customer_id
        AND s.id IN (json_extract(e.payload_json, '$.data.object.id'),
                     json_extract(e.payload_json, '$.data.object.subscription')))`;

const planOf = (value: string | null): Plan => (value !== null && isPlan(value) ? value : "free");

const event = (
  id: string,
  type: AnalyticsEventType,
  at: number,
  userId: string,
  plan: string | null,
  extra: Partial<AnalyticsEvent> = {},
): AnalyticsEvent => ({
  id,
  type,
  occurred_at: at,
  user_id: userId,
  plan: planOf(plan),
  plan_from: null,
  mrr_from_cents: 0,
  mrr_to_cents: 0,
  reason: null,
  ...extra,
});

type Row = Record<string, string | number | null>;

const SOURCE_SQL: Record<BackfillSource, string> = {
  users: `SELECT u.rowid AS rid, u.id, u.created_at, u.email_verified_at,
      ${planAt("u.id", "u.created_at")} AS plan,
      ${planAt("u.id", "u.email_verified_at")} AS verified_plan
    FROM users u WHERE u.rowid > ? ORDER BY u.rowid LIMIT ?`,
  resumes: `SELECT r.rowid AS rid, r.id, r.user_id, r.created_at,
      ${planAt("r.user_id", "r.created_at")} AS plan
    FROM resumes r WHERE r.rowid > ? ORDER BY r.rowid LIMIT ?`,
  // Every job is read (and only exports kept) so a page is bounded however few are exports.
  exports: `SELECT j.rowid AS rid, j.id, j.kind, j.status, j.owner_id, j.finished_at,
      CASE WHEN j.owner_id LIKE 'user:%' AND j.finished_at IS NOT NULL
        THEN ${planAt("substr(j.owner_id, 6)", "j.finished_at")} END AS plan
    FROM jobs j WHERE j.rowid > ? ORDER BY j.rowid LIMIT ?`,
  subscriptions: `SELECT s.rowid AS rid, s.id, s.user_id, s.plan, s.status, s.trial_end,
      s.ended_at, s.ended_reason, s.created_at, s.updated_at,
      EXISTS (SELECT 1 FROM invoices i WHERE i.user_id = s.user_id AND i.subscription_id = s.id
        AND i.status = 'paid' AND i.amount_paid > 0) AS paid,
      ${tracked("subscription.started")} AS live_started,
      ${tracked("subscription.changed")} AS live_changed,
      ${tracked("subscription.canceled")} AS live_canceled
    FROM subscriptions s WHERE s.rowid > ? ORDER BY s.rowid LIMIT ?`,
  invoices: `SELECT i.rowid AS rid, i.id, i.user_id, i.status, i.paid_at, w.created_at AS failed_at,
      ${planAt("i.user_id", "coalesce(i.paid_at, i.created_at)")} AS plan,
      ${planAt("i.user_id", "w.created_at")} AS failed_plan
    FROM invoices i LEFT JOIN workflow_runs w ON w.instance_id = 'dunning-' || i.id
    WHERE i.rowid > ? ORDER BY i.rowid LIMIT ?`,
};

const ENDED = ["canceled", "incomplete_expired"];

/**
 * A subscription's history as its row tells it: started (paying at once, or from the end of
 * its trial), and ended (churn with its reason) or stopped paying (the status is the reason).
 * What live tracking already sent for it is left out: all of it when live tracking saw it
 * start, else a change or an end it saw.
 */
function subscriptionEvents(row: Row): AnalyticsEvent[] {
  if (row.live_started) return [];
  const id = String(row.id);
  const userId = String(row.user_id);
  const plan = planOf(row.plan as string);
  const price = mrrOf(plan, "active");
  const created = Number(row.created_at);
  const trialEnd = row.trial_end === null ? null : Number(row.trial_end) * 1000;
  const endedAt = row.ended_at === null ? null : Number(row.ended_at) * 1000;
  const ended = ENDED.includes(String(row.status)) && endedAt !== null;
  const paying = Boolean(row.paid) || mrrOf(plan, String(row.status)) > 0;
  const trial = trialEnd !== null && trialEnd > created;
  const converts = trial && paying && trialEnd !== null && trialEnd < (endedAt ?? Infinity);
  const mrr = { mrr_to_cents: paying && !trial ? price : 0 };
  const events = [
    event(`backfill:${id}:started`, "subscription.started", created, userId, plan, mrr),
  ];
  if (converts && trialEnd !== null && !row.live_changed)
    events.push(
      event(`backfill:${id}:converted`, "subscription.changed", trialEnd, userId, plan, {
        mrr_to_cents: price,
      }),
    );
  const paidBefore = paying && (!trial || converts) ? price : 0;
  if (ended && endedAt !== null) {
    if (!row.live_canceled)
      events.push(
        event(`backfill:${id}:canceled`, "subscription.canceled", endedAt, userId, plan, {
          mrr_from_cents: paidBefore,
          reason: (row.ended_reason as string | null) ?? "canceled",
        }),
      );
  } else if (paidBefore > 0 && mrrOf(plan, String(row.status)) === 0 && !row.live_changed)
    events.push(
      event(
        `backfill:${id}:stopped`,
        "subscription.changed",
        Number(row.updated_at),
        userId,
        plan,
        {
          mrr_from_cents: paidBefore,
          reason: String(row.status),
        },
      ),
    );
  return events;
}

function eventsOf(source: BackfillSource, row: Row): AnalyticsEvent[] {
  const plan = row.plan as string | null;
  switch (source) {
    case "users": {
      const id = String(row.id);
      const events = [
        event(`user.signed_up:${id}`, "user.signed_up", Number(row.created_at), id, plan),
      ];
      if (row.email_verified_at !== null)
        events.push(
          event(
            `user.email_verified:${id}`,
            "user.email_verified",
            Number(row.email_verified_at),
            id,
            row.verified_plan as string,
          ),
        );
      return events;
    }
    case "resumes":
      return [
        event(
          `resume.created:${row.id}`,
          "resume.created",
          Number(row.created_at),
          String(row.user_id),
          plan,
        ),
      ];
    case "exports":
      return row.kind === "export" && row.status === "succeeded" && plan !== null
        ? [
            event(
              `export.completed:${row.id}`,
              "export.completed",
              Number(row.finished_at),
              String(row.owner_id).slice("user:".length),
              plan,
            ),
          ]
        : [];
    case "subscriptions":
      return subscriptionEvents(row);
    case "invoices": {
      const invoice = String(row.id);
      const userId = String(row.user_id);
      const events: AnalyticsEvent[] = [];
      const failedAt = row.failed_at === null ? null : Number(row.failed_at);
      if (failedAt !== null)
        events.push(
          event(
            `invoice:${invoice}:failed`,
            "payment.failed",
            failedAt,
            userId,
            row.failed_plan as string,
          ),
        );
      if (row.status === "paid" && row.paid_at !== null) {
        const paidAt = Number(row.paid_at);
        events.push(event(`invoice:${invoice}:paid`, "payment.succeeded", paidAt, userId, plan));
        if (failedAt !== null)
          events.push(
            event(`invoice:${invoice}:recovered`, "payment.recovered", paidAt, userId, plan),
          );
      }
      return events;
    }
  }
}

/**
 * One page of a source: up to `BACKFILL_PAGE` rows after `after` (keyset on the rowid, an
 * index walk however far in), their events stored in one D1 batch. Run again it stores nothing
 * new; the roll-up recounts the days the new events fall on.
 */
export async function backfillPage(
  env: Pick<Env, "DB">,
  source: BackfillSource,
  after: number,
  now: number,
): Promise<BackfillPage> {
  const page = await env.DB.prepare(SOURCE_SQL[source])
    .bind(after, BACKFILL_PAGE)
    .all<Row & { rid: number }>();
  const rows = page.results;
  const events = rows.flatMap((row) => eventsOf(source, row));
  await ingestEvents(env, events, now);
  const last = rows.at(-1);
  return {
    next: rows.length === BACKFILL_PAGE && last ? last.rid : null,
    rows: rows.length,
    events: events.length,
  };
}

/** Backfill jobs belong to the operators: staff read them, no account does. */
const JOB_OWNER = "operator";

/** The latest backfill's job (KV mirror first, D1 behind it), or null if none ever ran. */
export async function latestBackfill(env: Env, now: number): Promise<JobView | null> {
  const row = await env.DB.prepare(
    "SELECT id FROM jobs WHERE owner_id = ? AND kind = ? ORDER BY created_at DESC LIMIT 1",
  )
    .bind(JOB_OWNER, ANALYTICS_BACKFILL_JOB_KIND)
    .first<{ id: string }>();
  return row ? getJob(env, row.id, now) : null;
}

/**
 * Creates the job and starts its workflow run, both keyed by `jobId`, so a retried request
 * starts one run. A backfill still running refuses another (409): a second would only redo
 * the first's pages.
 */
export async function requestBackfill(
  env: Env,
  input: { jobId: string; actorId: string; now: number },
): Promise<JobView> {
  const latest = await latestBackfill(env, input.now);
  if (latest && latest.id !== input.jobId && !isTerminal(latest.status))
    throw conflict("An analytics backfill is already running", { job_id: latest.id });
  const job = await createJob(env, {
    id: input.jobId,
    kind: ANALYTICS_BACKFILL_JOB_KIND,
    ownerId: JOB_OWNER,
    note: "requested by staff",
    now: input.now,
  });
  await startWorkflowRun(env, {
    workflow: "analytics-backfill",
    instanceId: input.jobId,
    params: { jobId: input.jobId },
    subject: `analytics_backfill:${input.jobId}`,
    jobId: input.jobId,
    createdBy: input.actorId,
    now: input.now,
  });
  return job;
}
