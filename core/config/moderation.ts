import { z } from "zod";
import {
  DEFAULT_STRIKE_THRESHOLDS,
  type StrikeThreshold,
  strikeThresholdsSchema,
} from "../moderation/strikes";

/**
 * Moderation thresholds (README "Live configuration", moderation): how much report weight puts
 * a public resume in the review queue or takes it offline, and what active strikes lead to.
 */

/** Report weights are in tenths: a first report from someone unknown weighs 10. */
export const DEFAULT_REPORT_THRESHOLDS = {
  /** Open reports adding up to this put the page in the review queue. */
  openCase: 20,
  /** ... and to this take it offline (withheld) until a moderator decides. */
  withhold: 60,
};
export type ReportThresholds = typeof DEFAULT_REPORT_THRESHOLDS;

const reportWeight = z.number().int().min(1).max(10_000);

export const reportThresholdsSchema = z
  .object({ openCase: reportWeight, withhold: reportWeight })
  .strict()
  .superRefine((value, ctx) => {
    if (value.withhold <= value.openCase)
      ctx.addIssue({
        code: "custom",
        path: ["withhold"],
        message: `Taking a page offline needs more weight than opening a case (${value.openCase})`,
      });
  });

/** `moderation`: the report thresholds and the strike thresholds (an entry each). */
export const moderationValueSchema = z
  .object({
    reports: reportThresholdsSchema,
    strikes: z.object({ thresholds: strikeThresholdsSchema }).strict(),
  })
  .strict();
// a type, not an interface: a section's value must fit Record<string, unknown>
export type ModerationValue = {
  reports: ReportThresholds;
  strikes: { thresholds: StrikeThreshold[] };
};

export const MODERATION_DEFAULTS: ModerationValue = {
  reports: DEFAULT_REPORT_THRESHOLDS,
  strikes: { thresholds: [...DEFAULT_STRIKE_THRESHOLDS] },
};
