// Every plan check of the API goes through this module, so each follows one rule (README
// "Plans and downgrades"):
// - a counted limit (resumes) is checked in the same SQL statement as the write that would
//   pass it, so parallel requests cannot overshoot it;
// - after a downgrade, the plan's N most recently updated resumes stay editable and the
//   others are read-only (readable, exportable, deletable) until the count fits again;
// - a premium template needs a plan with them to pick it, to change the style of a resume
//   in it, and to print a PDF in it.
// The limits themselves are the one table of core/plans/entitlements.ts.
import { and, eq, isNull, not, type SQL, sql } from "drizzle-orm";
import { entitlementsOf } from "../../core/plans/entitlements";
import type { ResumeStyle } from "../../core/resume/schema";
import { TEMPLATES } from "../../core/templates";
import { createDb } from "../../db/client";
import { resumes } from "../../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";

/** How many active resumes the plan keeps editable; null is unlimited. */
export const resumeAllowance = (plan: string): number | null => entitlementsOf(plan).resumes;

/**
 * A monthly allowance (exports, writing help); null is unlimited. Counted by meterUsage
 * (server/billing/usage.ts) in one conditional increment.
 */
export const monthlyAllowance = (
  plan: string,
  allowance: "exportsPerMonth" | "aiCallsPerMonth",
): number | null => entitlementsOf(plan)[allowance];

/** Whether the owner's public share pages go without the "made with" footer. */
export const brandingRemoved = (plan: string): boolean => entitlementsOf(plan).removeBranding;

/** Saved versions kept per resume; older ones are pruned on the next save. */
export const versionsKept = (plan: string): number => entitlementsOf(plan).versionsKept;

/** No room for one more resume (create, clone, import, restore from the bin). */
export const resumeLimitReached = (limit: number) =>
  new AppError(403, "plan_limit", `Your plan allows ${limit} resumes. Upgrade to add more.`, {
    limit,
    feature: "resumes",
    resource: "resumes",
  });

/** A write to a resume beyond the plan's count. */
export const resumeReadOnly = (limit: number) =>
  new AppError(
    403,
    "plan_limit",
    `Your plan allows ${limit} resumes; this one is read-only. Upgrade, or delete another resume to edit it.`,
    { limit, feature: "resumes", resource: "resumes", read_only: true },
  );

/**
 * A condition for an INSERT … SELECT or UPDATE on `resumes`: true while the owner's active
 * resumes are fewer than the plan allows. Undefined on unlimited plans.
 */
export function roomForResume(plan: string, userId: string): SQL | undefined {
  const limit = resumeAllowance(plan);
  if (limit === null) return undefined;
  return sql`(SELECT count(*) FROM resumes AS active WHERE active.user_id = ${userId} AND active.deleted_at IS NULL) < ${limit}`;
}

/**
 * A condition on the `resumes` row a statement reads or updates: it is one of its owner's N
 * most recently updated active resumes (ties: the smaller id first), N being the plan's
 * count. Undefined on unlimited plans. Written with the table's own name, so it works in an
 * UPDATE's WHERE as well as in a SELECT from `resumes`.
 */
export function withinResumeAllowance(plan: string): SQL | undefined {
  const limit = resumeAllowance(plan);
  if (limit === null) return undefined;
  return sql`(SELECT count(*) FROM resumes AS newer WHERE newer.user_id = resumes.user_id AND newer.deleted_at IS NULL AND (newer.updated_at > resumes.updated_at OR (newer.updated_at = resumes.updated_at AND newer.id < resumes.id))) < ${limit}`;
}

/**
 * The owner's active resumes beyond the plan's count: read-only until the count fits. The
 * same condition as the one writes check, so what the apps show is what the API enforces.
 */
export async function readOnlyResumeIds(
  env: Pick<Env, "DB">,
  owner: { id: string; plan: string },
): Promise<Set<string>> {
  const editable = withinResumeAllowance(owner.plan);
  if (!editable) return new Set();
  const rows = await createDb(env.DB)
    .select({ id: resumes.id })
    .from(resumes)
    .where(and(eq(resumes.userId, owner.id), isNull(resumes.deletedAt), not(editable)));
  return new Set(rows.map((row) => row.id));
}

const templateNamed = (id: string) => TEMPLATES.find((template) => template.id === id);

/** Whether the plan may use the template (free templates, and unknown ids, always). */
export const templateInPlan = (plan: string, template: string): boolean =>
  !templateNamed(template)?.premium || entitlementsOf(plan).premiumTemplates;

const templateRefused = (plan: string, template: string, message: string) =>
  new AppError(403, "plan_limit", message, { feature: "premiumTemplates", template, plan });

/** Creating a resume in a template, or printing a PDF in one. */
export function assertTemplateInPlan(plan: string, template: string): void {
  if (templateInPlan(plan, template)) return;
  const name = templateNamed(template)?.name ?? template;
  throw templateRefused(
    plan,
    template,
    `The ${name} template is not part of your plan. Upgrade to use it.`,
  );
}

/**
 * A save's style. A resume left in a premium template by a downgrade keeps it (its content
 * stays editable), but its style is frozen: switching to a template in the plan is the
 * one style change allowed.
 */
export function assertStyleChangeAllowed(
  plan: string,
  before: ResumeStyle,
  after: ResumeStyle,
): void {
  if (templateInPlan(plan, after.template)) return;
  if (before.template !== after.template) assertTemplateInPlan(plan, after.template);
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const name = templateNamed(after.template)?.name ?? after.template;
  throw templateRefused(
    plan,
    after.template,
    `The ${name} template is not part of your plan, so its style cannot be changed. Switch to a template in your plan, or upgrade.`,
  );
}

/** Password-protected share links. */
export function assertSharePassword(plan: string): void {
  if (entitlementsOf(plan).sharePassword) return;
  throw new AppError(
    403,
    "plan_limit",
    "Password-protected links are not part of your plan. Upgrade to add a password.",
    { feature: "sharePassword", plan },
  );
}
