import { z } from "zod";
import { ROLES } from "../auth/permissions";

/** The wire shapes of an admin's per-account actions (README "Users": admin actions). */

export const editAccountSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().toLowerCase().email().max(254).optional(),
  })
  .refine((value) => value.name !== undefined || value.email !== undefined, {
    message: "Change the name, the email, or both",
  })
  .meta({ id: "EditAccount" });
export type EditAccount = z.input<typeof editAccountSchema>;

export const changeRoleSchema = z.object({ role: z.enum(ROLES) }).meta({ id: "ChangeRole" });
export type ChangeRole = z.input<typeof changeRoleSchema>;

/** What every action answers: the account as it is now, and what the action did. */
export const accountActionResultSchema = z
  .object({
    user_id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    email_verified: z.boolean(),
    /** e.g. "verification_sent", "sessions_ended", "already_verified", "unchanged". */
    outcome: z.string(),
    sessions_ended: z.number().int().nullable(),
  })
  .meta({ id: "AccountActionResult" });
export type AccountActionResult = z.infer<typeof accountActionResultSchema>;
