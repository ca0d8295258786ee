import { z } from "zod";
import { USER_STATUSES } from "../auth/identity";
import {
  ADMIN_SUSPENSION_DAYS,
  BAN_REASONS,
  ESCALATION_REQUEST_KINDS,
  SANCTION_KINDS,
  SANCTION_SOURCES,
} from "../moderation/sanctions";

/**
 * The wire shapes of suspensions and bans in the admin API (README "Strikes and bans"): an
 * admin's action on an account, and the account's standing.
 */

const note = z.string().trim().max(500);

export const sanctionActionSchema = z
  .discriminatedUnion("action", [
    z.object({
      action: z.literal("suspend"),
      days: z.number().int().min(ADMIN_SUSPENSION_DAYS.min).max(ADMIN_SUSPENSION_DAYS.max),
      reason: z.enum(BAN_REASONS),
      note: note.optional(),
    }),
    z.object({ action: z.literal("ban"), reason: z.enum(BAN_REASONS), note: note.optional() }),
    z.object({ action: z.literal("lift"), note: note.min(1, "Say why it is lifted") }),
  ])
  .meta({ id: "SanctionAction" });
export type SanctionAction = z.input<typeof sanctionActionSchema>;

export const sanctionViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(SANCTION_KINDS),
    reason: z.enum(BAN_REASONS),
    source: z.enum(SANCTION_SOURCES),
    strike_count: z.number().int().nullable(),
    note: z.string().nullable(),
    created_by: z.string(),
    starts_at: z.string(),
    ends_at: z.string().nullable(),
    lifted_at: z.string().nullable(),
    lifted_by: z.string().nullable(),
    lift_reason: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: "Sanction" });
export type SanctionView = z.output<typeof sanctionViewSchema>;

export const escalationRequestViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(ESCALATION_REQUEST_KINDS),
    actor: z.string(),
    created_at: z.string(),
    processed_at: z.string().nullable(),
    result: z.string().nullable(),
  })
  .meta({ id: "EscalationRequest" });
export type EscalationRequestView = z.output<typeof escalationRequestViewSchema>;

export const accountStandingSchema = z
  .object({
    user_id: z.string(),
    status: z.enum(USER_STATUSES),
    sanctions: z.array(sanctionViewSchema),
    requests: z.array(escalationRequestViewSchema),
  })
  .meta({ id: "AccountStanding" });
export type AccountStanding = z.output<typeof accountStandingSchema>;
