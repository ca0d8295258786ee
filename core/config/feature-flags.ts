import { z } from "zod";
import { PLANS, type Plan } from "../plans/entitlements";

/**
 * Feature flags (README "Live configuration", feature flags): declared here, each with what it
 * gates and its default; the live value of each is the `feature_flags` section.
 */
export const FEATURE_FLAGS = {
  writing_help: {
    description: "Writing help in the resume editor (Improve) and its API, /api/ai/*",
    default: { enabled: true, plans: [] as Plan[], percent: 100 },
  },
} as const;
export type FeatureFlag = keyof typeof FEATURE_FLAGS;
export const FEATURE_FLAG_NAMES = Object.keys(FEATURE_FLAGS) as FeatureFlag[];

/** One flag's live value: on at all, for which plans (none listed: every plan), for what share. */
export const flagRuleSchema = z
  .object({
    enabled: z.boolean(),
    plans: z
      .array(z.enum(PLANS))
      .max(PLANS.length)
      .refine((plans) => new Set(plans).size === plans.length, "A plan is listed twice"),
    percent: z.number().int().min(0).max(100),
  })
  .strict();
export type FlagRule = z.output<typeof flagRuleSchema>;

/** `feature_flags`: a rule per declared flag; an unknown name is refused. */
export const featureFlagsValueSchema = z
  .object(Object.fromEntries(FEATURE_FLAG_NAMES.map((name) => [name, flagRuleSchema])))
  .strict() as unknown as z.ZodType<FeatureFlagsValue>;
export type FeatureFlagsValue = Record<FeatureFlag, FlagRule>;

export const FEATURE_FLAG_DEFAULTS = Object.fromEntries(
  FEATURE_FLAG_NAMES.map((name) => [name, FEATURE_FLAGS[name].default]),
) as FeatureFlagsValue;

/** `GET /api/features`: the signed-in user's flags, evaluated. */
export const userFeaturesSchema = z
  .object({ flags: z.record(z.string(), z.boolean()) })
  .meta({ id: "UserFeatures" });
export type UserFeatures = z.output<typeof userFeaturesSchema>;
