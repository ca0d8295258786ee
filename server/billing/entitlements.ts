// The one place plans are enforced (README "Plans and downgrades"). Every check of the API,
// the workflows and the consumers goes through it, and every refusal is the one `plan_limit`
// error built by `planLimit`: 403 with details { feature, plan, limit, upgrade_to, … }.
// - a feature (password-protected links, premium templates) is asserted with assertFeature;
// - a counted limit (resumes) is checked in the same SQL statement as the write that would
//   pass it (roomForResume), so parallel requests cannot overshoot it, and a refused write
//   answers countLimitReached;
// - a monthly allowance (exports, writing help) is metered by `meter`: increment and check
//   are one statement, a refused use is not counted;
// - after a downgrade, the plan's N most recently updated resumes stay editable and the
//   others are read-only (readable, exportable, deletable) until the count fits again;
// - a premium template needs a plan with them to pick it, to change the style of a resume
//   in it, and to print a PDF in it.
// The limits are the table of core/plans/entitlements.ts as live configuration overrides it
// (README "Live configuration"): a plan holder carries the table in force (server/config
// planTable), read once per request, so every check of a request sees the same numbers.
import { and, eq, isNull, not, type SQL, sql } from "drizzle-orm";
import {
  type Entitlement,
  entitlementsOf,
  type Plan,
  type PlanTable,
  upgradeFor,
} from "../../core/plans/entitlements";
import type { ResumeStyle } from "../../core/resume/schema";
import { TEMPLATES } from "../../core/templates";
import { createDb } from "../../db/client";
import { resumes, usageCounters } from "../../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";
import { currentPeriod } from "./usage";

/** Whose plan a check reads, and the plan table in force (server/config planTable). */
export interface PlanHolder {
  plan: string;
  plans: PlanTable;
}

/** Someone with a plan, for checks that count their resumes or uses. */
export interface Account extends PlanHolder {
  id: string;
}

/** What every `plan_limit` error carries, besides what the refusal is about. */
export interface PlanLimitDetails {
  /** The entitlement of core/plans/entitlements.ts that refused. */
  feature: Entitlement;
  plan: string;
  /** The plan's value of it: a count (null is unlimited) or whether the feature is in. */
  limit: number | boolean | null;
  /** The cheapest plan that lifts it; null when no plan does. */
  upgrade_to: Plan | null;
  [more: string]: unknown;
}

/** The one `plan_limit` error: the plan's limit, the plan, and the upgrade that lifts it. */
export function planLimit(
  { plan, plans }: PlanHolder,
  feature: Entitlement,
  message: string,
  more: Record<string, unknown> = {},
): AppError {
  const details: PlanLimitDetails = {
    feature,
    plan,
    limit: entitlementsOf(plan, plans)[feature],
    upgrade_to: upgradeFor(plan, feature, plans),
    ...more,
  };
  return new AppError(403, "plan_limit", message, details);
}

/** Features a plan has or lacks (not counts). */
export type Feature = "premiumTemplates" | "sharePassword" | "removeBranding" | "customDomain";

const FEATURE_REFUSALS: Record<Feature, string> = {
  premiumTemplates: "Premium templates are not part of your plan. Upgrade to use them.",
  sharePassword: "Password-protected links are not part of your plan. Upgrade to add a password.",
  removeBranding: "Share pages without the footer are not part of your plan. Upgrade for them.",
  customDomain: "A custom domain is not part of your plan. Upgrade to use your own domain.",
};

export const hasFeature = (account: PlanHolder, feature: Feature): boolean =>
  entitlementsOf(account.plan, account.plans)[feature];

/** Refuses with `plan_limit` unless the plan has the feature. */
export function assertFeature(
  account: PlanHolder,
  feature: Feature,
  refusal: { message?: string; details?: Record<string, unknown> } = {},
): void {
  if (hasFeature(account, feature)) return;
  throw planLimit(account, feature, refusal.message ?? FEATURE_REFUSALS[feature], refusal.details);
}

/** Things a plan counts: resumes kept, and uses a month. */
export type Metric = "resumes" | "exports" | "ai_calls";

const METRICS = {
  resumes: { entitlement: "resumes", noun: "resumes" },
  exports: { entitlement: "exportsPerMonth", noun: "exports" },
  ai_calls: { entitlement: "aiCallsPerMonth", noun: "writing-help requests" },
} as const satisfies Record<Metric, { entitlement: Entitlement; noun: string }>;

/** How many the plan allows; null is unlimited. */
export const limitOf = (account: PlanHolder, metric: Metric): number | null =>
  entitlementsOf(account.plan, account.plans)[METRICS[metric].entitlement];

/**
 * The refusal of a count: the statement that would have passed it checked it (roomForResume,
 * meter) and wrote nothing.
 */
export function countLimitReached(
  account: PlanHolder,
  metric: Metric,
  more: Record<string, unknown> = {},
): AppError {
  const limit = limitOf(account, metric);
  const { entitlement, noun } = METRICS[metric];
  const message =
    metric === "resumes"
      ? `Your plan allows ${limit} resumes. Upgrade to add more.`
      : `Your plan includes ${limit} ${noun} a month. Upgrade for more.`;
  return planLimit(account, entitlement, message, { resource: metric, ...more });
}

/**
 * Counts one use of a monthly allowance (exports, writing help) in the month of `at`.
 * Increment and check are one statement, so parallel requests cannot overshoot the limit,
 * and a refused use is not counted. Give a use back with refundUsage (./usage).
 */
export async function meter(
  env: Pick<Env, "DB">,
  account: Account,
  metric: Exclude<Metric, "resumes">,
  at: number,
): Promise<{ used: number; limit: number | null; period: string }> {
  const limit = limitOf(account, metric);
  const period = currentPeriod(at);
  const [row] = await createDb(env.DB)
    .insert(usageCounters)
    .values({ userId: account.id, metric, period, count: 1 })
    .onConflictDoUpdate({
      target: [usageCounters.userId, usageCounters.metric, usageCounters.period],
      set: { count: sql`${usageCounters.count} + 1` },
      ...(limit === null ? {} : { setWhere: sql`${usageCounters.count} < ${limit}` }),
    })
    .returning({ count: usageCounters.count });
  if (!row || (limit !== null && row.count > limit)) {
    throw countLimitReached(account, metric, { period });
  }
  return { used: row.count, limit, period };
}

/** Whether the owner's public share pages go without the "made with" footer. */
export const brandingRemoved = (owner: PlanHolder): boolean => hasFeature(owner, "removeBranding");

/** Saved versions kept per resume; older ones are pruned on the next save. */
export const versionsKept = (owner: PlanHolder): number =>
  entitlementsOf(owner.plan, owner.plans).versionsKept;

/** A write to a resume beyond the plan's count. */
export const resumeReadOnly = (account: PlanHolder) =>
  planLimit(
    account,
    "resumes",
    `Your plan allows ${limitOf(account, "resumes")} resumes; this one is read-only. Upgrade, or delete another resume to edit it.`,
    { resource: "resumes", read_only: true },
  );

/**
 * A condition for an INSERT … SELECT or UPDATE on `resumes`: true while the owner's active
 * resumes are fewer than the plan allows. Undefined on unlimited plans.
 */
export function roomForResume(account: Account): SQL | undefined {
  const limit = limitOf(account, "resumes");
  if (limit === null) return undefined;
  return sql`(SELECT count(*) FROM resumes AS active WHERE active.user_id = ${account.id} AND active.deleted_at IS NULL) < ${limit}`;
}

/**
 * A condition on the `resumes` row a statement reads or updates: it is one of its owner's N
 * most recently updated active resumes (ties: the smaller id first), N being the plan's
 * count. Undefined on unlimited plans. Written with the table's own name, so it works in an
 * UPDATE's WHERE as well as in a SELECT from `resumes`.
 */
export function withinResumeAllowance(account: PlanHolder): SQL | undefined {
  const limit = limitOf(account, "resumes");
  if (limit === null) return undefined;
  return sql`(SELECT count(*) FROM resumes AS newer WHERE newer.user_id = resumes.user_id AND newer.deleted_at IS NULL AND (newer.updated_at > resumes.updated_at OR (newer.updated_at = resumes.updated_at AND newer.id < resumes.id))) < ${limit}`;
}

/**
 * The owner's active resumes beyond the plan's count: read-only until the count fits. The
 * same condition as the one writes check, so what the apps show is what the API enforces.
 */
export async function readOnlyResumeIds(
  env: Pick<Env, "DB">,
  owner: Account,
): Promise<Set<string>> {
  const editable = withinResumeAllowance(owner);
  if (!editable) return new Set();
  const rows = await createDb(env.DB)
    .select({ id: resumes.id })
    .from(resumes)
    .where(and(eq(resumes.userId, owner.id), isNull(resumes.deletedAt), not(editable)));
  return new Set(rows.map((row) => row.id));
}

const templateNamed = (id: string) => TEMPLATES.find((template) => template.id === id);

/** Whether the plan may use the template (free templates, and unknown ids, always). */
export const templateInPlan = (holder: PlanHolder, template: string): boolean =>
  !templateNamed(template)?.premium || hasFeature(holder, "premiumTemplates");

/** Creating a resume in a template, or printing a PDF in one. */
export function assertTemplateInPlan(holder: PlanHolder, template: string): void {
  if (templateInPlan(holder, template)) return;
  const name = templateNamed(template)?.name ?? template;
  assertFeature(holder, "premiumTemplates", {
    message: `The ${name} template is not part of your plan. Upgrade to use it.`,
    details: { template },
  });
}

/**
 * A save's style. A resume left in a premium template by a downgrade keeps it (its content
 * stays editable), but its style is frozen: switching to a template in the plan is the
 * one style change allowed.
 */
export function assertStyleChangeAllowed(
  holder: PlanHolder,
  before: ResumeStyle,
  after: ResumeStyle,
): void {
  if (templateInPlan(holder, after.template)) return;
  if (before.template !== after.template) assertTemplateInPlan(holder, after.template);
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const name = templateNamed(after.template)?.name ?? after.template;
  assertFeature(holder, "premiumTemplates", {
    message: `The ${name} template is not part of your plan, so its style cannot be changed. Switch to a template in your plan, or upgrade.`,
    details: { template: after.template },
  });
}
