import { z } from "zod";

/** The wire shapes of read-only impersonation (README "Impersonation"). */

export const startImpersonationSchema = z
  .object({
    /** Why support needs to see the account: kept with the impersonation and in the audit log. */
    reason: z.string().trim().min(5, "Say why you need to see this account").max(500),
  })
  .meta({ id: "StartImpersonation" });
export type StartImpersonation = z.input<typeof startImpersonationSchema>;

export const impersonationViewSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    user_email: z.string(),
    staff_id: z.string(),
    reason: z.string(),
    started_at: z.string(),
    expires_at: z.string(),
    ended_at: z.string().nullable(),
    /** Where the staff member opens the user app to see what the user sees. */
    open_url: z.string(),
  })
  .meta({ id: "Impersonation" });
export type ImpersonationView = z.infer<typeof impersonationViewSchema>;

/** What the user app learns about the impersonation it runs under (the banner). */
export const currentImpersonationSchema = z
  .object({
    active: z.boolean(),
    id: z.string().nullable(),
    user_email: z.string().nullable(),
    expires_at: z.string().nullable(),
  })
  .meta({ id: "CurrentImpersonation" });
export type CurrentImpersonation = z.infer<typeof currentImpersonationSchema>;

export const impersonationStoppedSchema = z.object({ stopped: z.boolean() });

/**
 * One time support viewed the account, as its owner sees it in their security activity: when,
 * until when, and that it was read-only. The staff member's name and notes stay internal.
 */
export const supportAccessSchema = z
  .object({
    id: z.string(),
    started_at: z.string(),
    ended_at: z.string(),
    active: z.boolean(),
    read_only: z.literal(true),
  })
  .meta({ id: "SupportAccess" });
export type SupportAccess = z.infer<typeof supportAccessSchema>;
