import { formatCents, planRank } from "~core/billing/lifecycle";
import { cheapestPlanWith, type PlanFeature } from "~core/plans/cheapest";
import {
  ENTITLEMENTS,
  type Entitlements,
  isPlan,
  PLANS,
  type Plan,
  type PlanTable,
  TRIAL_DAYS,
} from "~core/plans/entitlements";
import { livePlanDetail, livePlanTable } from "./live-plans";

/**
 * The pricing page and the billing settings read trials and limits from the one table the API
 * enforces (core/plans/entitlements.ts; the limits as live configuration sets them, from
 * ./live-plans), so the pages cannot promise what the Worker refuses; names and quoted prices
 * are live configuration's plan details (README "Live configuration"). Only the words around
 * the numbers live here.
 */
export const planLabel = (plan: string): string =>
  isPlan(plan) ? livePlanDetail(plan).name : plan;

/**
 * Which plans include a feature, for copy beside a locked one: "the Standard plan and above",
 * named from the live table (the cheapest plan that has it), so every page says the same.
 */
export function plansWith(feature: PlanFeature): string {
  const plan = cheapestPlanWith(livePlanTable() ?? ENTITLEMENTS, feature);
  if (!plan) return "no plan at the moment";
  const name = `the ${planLabel(plan)} plan`;
  return plan === PLANS[PLANS.length - 1] ? name : `${name} and above`;
}

/** The monthly price quoted (plan details); what is charged stays with the billing provider. */
export const priceLabel = (plan: Plan): string => {
  const cents = livePlanDetail(plan).priceCents;
  return cents === 0 ? "$0" : formatCents(cents);
};

/** "14-day free trial", "No card required" or "Billed monthly". */
export function planNote(plan: Plan): string {
  if (plan === "free") return "No card required";
  return TRIAL_DAYS[plan] > 0 ? `${TRIAL_DAYS[plan]}-day free trial` : "Billed monthly";
}

const count = (value: number | null, unit: string) =>
  value === null ? `Unlimited ${unit}` : `${value.toLocaleString("en-US")} ${unit}`;
const yesNo = (value: boolean) => (value ? "Included" : "Not included");

export interface FeatureRow {
  label: string;
  /** The cell text for a plan; also what a screen reader hears. */
  value: (entitlements: Entitlements) => string;
  /** Whether the plan has it at all (drawn as a tick or a cross). */
  has: (entitlements: Entitlements) => boolean;
  /** Shown on the plan cards (the limits; the table has everything). */
  onCard: boolean;
}

/** A card's line for a row: the number, or the feature named with whether it is there. */
export const cardLine = (row: FeatureRow, entitlements: Entitlements): string =>
  row.has(entitlements) && row.value(entitlements) === "Included"
    ? row.label
    : row.has(entitlements)
      ? row.value(entitlements)
      : `${row.label}: not included`;

export const FEATURE_ROWS: FeatureRow[] = [
  {
    label: "Resumes",
    value: (e) => count(e.resumes, "resumes"),
    onCard: true,
    has: () => true,
  },
  {
    label: "Exports a month",
    value: (e) => count(e.exportsPerMonth, "exports a month"),
    onCard: true,
    has: () => true,
  },
  {
    label: "Writing help a month",
    value: (e) => count(e.aiCallsPerMonth, "suggestions a month"),
    onCard: true,
    has: () => true,
  },
  {
    label: "Premium templates",
    value: (e) => yesNo(e.premiumTemplates),
    onCard: true,
    has: (e) => e.premiumTemplates,
  },
  {
    label: "Password-protected share links",
    value: (e) => yesNo(e.sharePassword),
    onCard: false,
    has: (e) => e.sharePassword,
  },
  {
    label: "Versions kept per resume",
    value: (e) => `${e.versionsKept.toLocaleString("en-US")} versions`,
    onCard: false,
    has: () => true,
  },
  {
    label: "No “made with” branding on share pages",
    value: (e) => yesNo(e.removeBranding),
    onCard: false,
    has: (e) => e.removeBranding,
  },
  {
    label: "Share page on your own domain",
    value: (e) => yesNo(e.customDomain),
    onCard: true,
    has: (e) => e.customDomain,
  },
];

export interface PlanCard {
  plan: Plan;
  name: string;
  tagline: string;
  price: string;
  note: string;
  trialDays: number;
  entitlements: Entitlements;
}

/** The cards of `table`: the limits in force (./live-plans). */
export const planCards = (table: PlanTable): PlanCard[] =>
  PLANS.map((plan) => ({
    plan,
    name: planLabel(plan),
    tagline: livePlanDetail(plan).tagline,
    price: priceLabel(plan),
    note: planNote(plan),
    trialDays: TRIAL_DAYS[plan],
    entitlements: table[plan],
  }));

/** What choosing `target` means for someone on `current`. */
export type PlanAction = "current" | "upgrade" | "downgrade";

export function planAction(current: string, target: Plan): PlanAction {
  const from = isPlan(current) ? current : "free";
  if (from === target) return "current";
  return planRank(target) > planRank(from) ? "upgrade" : "downgrade";
}
