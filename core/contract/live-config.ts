import { z } from "zod";
import { type FeatureFlagsValue, featureFlagsValueSchema } from "../config/feature-flags";
import { type ModerationValue, moderationValueSchema } from "../config/moderation";
import { type PlanDetailsValue, planDetailsValueSchema } from "../config/plan-details";
import { EDITABLE_EMAILS, type EditableEmail, placeholdersOf } from "../email/editable";
import { type EmailText, placeholderProblems } from "../email/texts";
import { PLANS, type Plan } from "../plans/entitlements";
import { WRITING_MODELS } from "../writing/model";

/**
 * Live configuration (README "Live configuration"): the sections a super admin changes
 * without a deploy, one schema each. The Worker validates every new version against them and
 * the admin app's forms validate with the same schemas before sending.
 */
export const CONFIG_SECTIONS = [
  "plans",
  "plan_details",
  "rate_limits",
  "ai",
  "email_templates",
  "feature_flags",
  "moderation",
] as const;
export type ConfigSection = (typeof CONFIG_SECTIONS)[number];

export const configSectionSchema = z.enum(CONFIG_SECTIONS);

/** What each section is, as the admin app titles it. */
export const CONFIG_SECTION_LABELS: Record<ConfigSection, string> = {
  plans: "Plan limits",
  plan_details: "Plan details",
  rate_limits: "Rate limits",
  ai: "AI parameters",
  email_templates: "Email templates",
  feature_flags: "Feature flags",
  moderation: "Moderation thresholds",
};

/** A count an admin can type: up to a million, or null for unlimited. */
const planCount = z.number().int().min(0).max(1_000_000);

/** One plan's entitlements (core/plans/entitlements.ts `Entitlements`). */
export const planLimitsSchema = z
  .object({
    resumes: planCount.nullable(),
    exportsPerMonth: planCount.nullable(),
    aiCallsPerMonth: planCount.nullable(),
    premiumTemplates: z.boolean(),
    sharePassword: z.boolean(),
    versionsKept: z.number().int().min(1).max(10_000),
    removeBranding: z.boolean(),
    customDomain: z.boolean(),
  })
  .strict();

/** `plans`: the entitlements of every plan. Prices charged stay in Stripe. */
export const plansValueSchema = z
  .object(
    Object.fromEntries(PLANS.map((plan) => [plan, planLimitsSchema])) as Record<
      Plan,
      typeof planLimitsSchema
    >,
  )
  .strict();
export type PlansValue = z.output<typeof plansValueSchema>;

/** One request limit: at most `limit` requests in each window of `windowSeconds`. */
export const rateRuleSchema = z
  .object({
    limit: z.number().int().min(1).max(100_000),
    windowSeconds: z.number().int().min(1).max(86_400),
  })
  .strict();
export type RateRule = z.output<typeof rateRuleSchema>;

/**
 * `rate_limits`: every rule of the request-limits table (server/ops/rate-limits.ts), by name.
 * The names are the server's; the admin app takes them from the section's defaults.
 */
export const rateLimitsValueSchema = (names: readonly string[]) =>
  z
    .object(Object.fromEntries(names.map((name) => [name, rateRuleSchema])))
    .strict() as unknown as z.ZodType<Record<string, RateRule>>;
export type RateLimitsValue = Record<string, RateRule>;

/**
 * `ai`: the model and temperature of writing help. Its monthly allowance per plan is the plan
 * limits' `aiCallsPerMonth`, one number in one place.
 */
export const aiValueSchema = z
  .object({
    writingHelp: z
      .object({ model: z.enum(WRITING_MODELS), temperature: z.number().min(0).max(2) })
      .strict(),
  })
  .strict();
export type AiValue = z.output<typeof aiValueSchema>;

/** One line of an email (subject, heading) and one paragraph, as an admin may write them. */
const emailLine = z.string().trim().min(1).max(200);
const emailParagraph = z.string().trim().min(1).max(2000);

/**
 * An email's words (core/email/texts.ts): plain text with only the placeholders its template
 * has; an unknown one is refused with an issue on the part that uses it.
 */
export const emailTextSchema = (entry: EditableEmail) => {
  const allowed = placeholdersOf(entry);
  return z
    .object({
      subject: emailLine,
      heading: emailLine,
      paragraphs: z.array(emailParagraph).min(1).max(12),
      closing: z.array(emailParagraph).max(6),
    })
    .strict()
    .superRefine((text, ctx) => {
      const parts: [PropertyKey[], string][] = [
        [["subject"], text.subject],
        [["heading"], text.heading],
        ...text.paragraphs.map((part, i): [PropertyKey[], string] => [["paragraphs", i], part]),
        ...text.closing.map((part, i): [PropertyKey[], string] => [["closing", i], part]),
      ];
      for (const [path, part] of parts)
        for (const message of placeholderProblems(part, allowed))
          ctx.addIssue({ code: "custom", path, message });
    });
};

/**
 * `email_templates`: the overridden words of some emails, by key (core/email/editable.ts); an
 * email without an entry is sent in the code's words.
 */
export const emailTemplatesValueSchema = z
  .object(
    Object.fromEntries(
      EDITABLE_EMAILS.map((entry) => [entry.key, emailTextSchema(entry).optional()]),
    ),
  )
  .strict() as unknown as z.ZodType<EmailTemplatesValue>;
export type EmailTemplatesValue = Partial<Record<string, EmailText>>;

export interface ConfigValues {
  plans: PlansValue;
  rate_limits: RateLimitsValue;
  ai: AiValue;
  email_templates: EmailTemplatesValue;
  feature_flags: FeatureFlagsValue;
  plan_details: PlanDetailsValue;
  moderation: ModerationValue;
}

/** The schema of a section's value; the rate limits need the names of the rules. */
export function configValueSchema(
  section: ConfigSection,
  rateLimitNames: readonly string[],
): z.ZodType<Record<string, Record<string, unknown>>> {
  if (section === "plans") return plansValueSchema;
  if (section === "ai") return aiValueSchema;
  if (section === "plan_details") return planDetailsValueSchema;
  if (section === "moderation")
    return moderationValueSchema as unknown as z.ZodType<Record<string, Record<string, unknown>>>;
  if (section === "feature_flags")
    return featureFlagsValueSchema as unknown as z.ZodType<Record<string, Record<string, unknown>>>;
  if (section === "email_templates")
    return emailTemplatesValueSchema as unknown as z.ZodType<
      Record<string, Record<string, unknown>>
    >;
  return rateLimitsValueSchema(rateLimitNames);
}

/** Why a version was written (or rolled back), shown in the history. */
const reasonSchema = z.string().trim().min(3).max(500);

/** `PUT /api/admin/config/{section}`: the whole new value and why. */
export const configUpdateRequestSchema = z
  .object({
    /** Checked against the section's schema by the Worker (400 with the zod issues). */
    value: z.record(z.string(), z.unknown()),
    reason: reasonSchema,
  })
  .strict()
  .meta({ id: "ConfigUpdateRequest" });
export type ConfigUpdateRequest = z.input<typeof configUpdateRequestSchema>;

/** `POST /api/admin/config/{section}/rollback`: a new version with an earlier one's value. */
export const configRollbackRequestSchema = z
  .object({ version: z.number().int().min(1).max(1_000_000), reason: reasonSchema })
  .strict()
  .meta({ id: "ConfigRollbackRequest" });
export type ConfigRollbackRequest = z.input<typeof configRollbackRequestSchema>;

/** One version of a section, as the history lists it. */
export const configVersionSchema = z
  .object({
    version: z.number().int(),
    value: z.record(z.string(), z.unknown()),
    created_by: z.string(),
    created_at: z.string().datetime(),
    reason: z.string(),
    /** The version a rollback copied; null for an edit. */
    rolled_back_from: z.number().int().nullable(),
  })
  .meta({ id: "ConfigVersion" });
export type ConfigVersion = z.output<typeof configVersionSchema>;

/** A section now: its current version (0: the code's defaults), value and defaults. */
export const configSectionViewSchema = z
  .object({
    section: configSectionSchema,
    label: z.string(),
    version: z.number().int(),
    value: z.record(z.string(), z.unknown()),
    defaults: z.record(z.string(), z.unknown()),
    updated_at: z.string().datetime().nullable(),
    updated_by: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: "ConfigSectionView" });
export type ConfigSectionView = z.output<typeof configSectionViewSchema>;

export const configOverviewSchema = z
  .object({ sections: z.array(configSectionViewSchema) })
  .meta({ id: "ConfigOverview" });
export type ConfigOverview = z.output<typeof configOverviewSchema>;

export const configHistorySchema = z
  .object({ section: configSectionSchema, versions: z.array(configVersionSchema) })
  .meta({ id: "ConfigHistory" });
export type ConfigHistory = z.output<typeof configHistorySchema>;
