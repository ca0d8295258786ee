import { z } from "zod";
import { MODERATION_CATEGORIES } from "../moderation/model";
import {
  STRIKE_SEVERITIES,
  STRIKE_SOURCES,
  STRIKE_THRESHOLD_ACTIONS,
  strikeThresholdsSchema,
} from "../moderation/strikes";

/**
 * The wire shapes of strikes in the admin API (README "Content moderation: strikes"): the
 * thresholds table super admins edit, an account's strikes, and an admin's manual strike. The
 * routes in `api/routes/admin/strikes.ts` describe their answers with these.
 */

export const strikeThresholdSchema = z
  .object({
    strikes: z.number().int(),
    action: z.enum(STRIKE_THRESHOLD_ACTIONS),
    hours: z.number().int().nullable(),
  })
  .meta({ id: "StrikeThreshold" });

export const strikeThresholdsViewSchema = z
  .object({
    /** Fewest strikes first. */
    thresholds: z.array(strikeThresholdSchema),
    /** The live configuration `moderation` version they are from; 0: the code's defaults. */
    version: z.number().int(),
    /** Null while the code's defaults apply (no `moderation` version yet). */
    updated_at: z.string().datetime().nullable(),
    updated_by: z.string().nullable(),
    /** Days without a new violation after which an account's strikes expire. */
    expiry_days: z.number().int(),
  })
  .meta({ id: "StrikeThresholdsView" });
export type StrikeThresholdsView = z.output<typeof strikeThresholdsViewSchema>;

export const strikeThresholdsRequestSchema = z
  .object({
    thresholds: strikeThresholdsSchema,
    /** Kept with the new `moderation` version (README "Live configuration"). */
    reason: z.string().trim().min(3, "Say why (at least 3 characters)").max(500),
  })
  .strict()
  .meta({ id: "StrikeThresholdsRequest" });
export type StrikeThresholdsRequest = z.input<typeof strikeThresholdsRequestSchema>;

export const strikeViewSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    /** The moderation case it came from; null for an admin's manual strike. */
    case_id: z.string().nullable(),
    category: z.enum(MODERATION_CATEGORIES),
    severity: z.enum(STRIKE_SEVERITIES),
    source: z.enum(STRIKE_SOURCES),
    reason: z.string().nullable(),
    /** The moderator or admin who confirmed it; null for the automated layers. */
    actor: z.string().nullable(),
    /** Active counts toward the thresholds; revoked (appeal accepted) and expired do not. */
    status: z.enum(["active", "expired", "revoked"]),
    created_at: z.string().datetime(),
    revoked_at: z.string().datetime().nullable(),
    expired_at: z.string().datetime().nullable(),
  })
  .meta({ id: "Strike" });
export type StrikeView = z.output<typeof strikeViewSchema>;

export const userStrikesSchema = z
  .object({
    user_id: z.string(),
    active: z.number().int(),
    /** When the active strikes expire unless a new violation comes first; null with none. */
    active_expire_at: z.string().datetime().nullable(),
    /** Newest first. */
    strikes: z.array(strikeViewSchema),
  })
  .meta({ id: "UserStrikes" });
export type UserStrikes = z.output<typeof userStrikesSchema>;

export const manualStrikeRequestSchema = z
  .object({
    category: z.enum(MODERATION_CATEGORIES),
    reason: z
      .string()
      .trim()
      .min(1, "Say why, for the account's history and the audit log")
      .max(500),
  })
  .strict()
  .meta({ id: "ManualStrikeRequest" });
export type ManualStrikeRequest = z.input<typeof manualStrikeRequestSchema>;
