import { FEATURE_FLAG_DEFAULTS } from "../../core/config/feature-flags";
import { MODERATION_DEFAULTS } from "../../core/config/moderation";
import { PLAN_DETAIL_DEFAULTS } from "../../core/config/plan-details";
import {
  type ConfigSection,
  type ConfigValues,
  configValueSchema,
} from "../../core/contract/live-config";
import { ENTITLEMENTS } from "../../core/plans/entitlements";
import { WRITING_MODEL_DEFAULTS } from "../../core/writing/model";
import { REQUEST_LIMITS } from "../ops/rate-limits";
import { overlay } from "./overlay";

/** The names of the request limits an admin may override. */
export const RATE_LIMIT_NAMES = Object.keys(REQUEST_LIMITS);

/** What each section is when no version was ever written: the code's tables. */
export function sectionDefaults<S extends ConfigSection>(section: S): ConfigValues[S] {
  const defaults: ConfigValues = {
    plans: ENTITLEMENTS,
    plan_details: PLAN_DETAIL_DEFAULTS,
    rate_limits: Object.fromEntries(
      Object.entries(REQUEST_LIMITS).map(([name, rule]) => [
        name,
        { limit: rule.limit, windowSeconds: rule.windowSeconds },
      ]),
    ),
    ai: { writingHelp: WRITING_MODEL_DEFAULTS },
    // no overrides: every email in the code's words (core/email/editable.ts has them)
    email_templates: {},
    feature_flags: FEATURE_FLAG_DEFAULTS,
    moderation: MODERATION_DEFAULTS,
  };
  return defaults[section];
}

/** The zod schema a new version of the section must pass. */
export const sectionSchema = (section: ConfigSection) =>
  configValueSchema(section, RATE_LIMIT_NAMES);

/**
 * A section's value in force over its defaults: the stored entries over the code's, entry by
 * entry; the email templates are overrides, so exactly what is stored.
 */
export function valueInForce(
  section: ConfigSection,
  stored: Record<string, unknown> | null,
): Record<string, unknown> {
  if (section === "email_templates") return stored ?? {};
  return overlay(sectionDefaults(section) as Record<string, object>, stored);
}
