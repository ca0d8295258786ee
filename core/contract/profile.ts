import { z } from "zod";
import { ONBOARDING_STEPS, PAID_PLANS } from "../auth/identity";
import { emailSchema, userSchema } from "./auth";

/** The wire contract of `/api/profile`: the profile, onboarding and checkout intent. */

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/** Free text a person may clear: an empty string is stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === "" ? null : v));

export const profileSchema = z
  .object({
    headline: z.string().nullable(),
    location: z.string().nullable(),
    website: z.string().nullable(),
    locale: z.string(),
    timezone: z.string(),
    onboarding_step: z.enum(ONBOARDING_STEPS),
    plan_intent: z.enum(PAID_PLANS).nullable().meta({
      description:
        "A paid plan chosen at sign-up or onboarding, for checkout to start (never the plan limits follow: see the user's `plan`)",
    }),
  })
  .meta({ id: "Profile" });
export type Profile = z.output<typeof profileSchema>;

export const profileChangesSchema = z
  .object({
    // The account's name; its email changes only through `/api/profile/email` (re-verified).
    name: z.string().trim().min(1).max(100).optional(),
    headline: optionalText(120),
    location: optionalText(120),
    website: z
      .string()
      .trim()
      .max(200)
      .url()
      .refine((url) => /^https?:\/\//i.test(url), "Use an http or https address")
      .nullable()
      .optional(),
    locale: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "Use a language tag like en or pt-BR")
      .optional(),
    timezone: z.string().max(64).refine(isTimeZone, "Unknown time zone").optional(),
    onboarding_step: z.enum(ONBOARDING_STEPS).optional(),
    // The plan itself is not here: billing alone sets it (README "Billing").
    plan_intent: z.enum(PAID_PLANS).nullable().optional(),
  })
  .strict()
  .meta({ id: "ProfileChanges" });
/** What the app sends; `z.input`, since blank text is only turned into null on the server. */
export type ProfileChanges = z.input<typeof profileChangesSchema>;
/** The changes as validated, for the service that applies them. */
export type ValidProfileChanges = z.output<typeof profileChangesSchema>;

/** Both GET and PATCH answer with the profile and the account. */
export const profileResultSchema = z.object({ profile: profileSchema, user: userSchema });
export type ProfileResult = z.output<typeof profileResultSchema>;

/**
 * A change of sign-in address (README "Profile and security emails"): the new address gets a link and
 * becomes the sign-in address only once it is followed. The password proves the request is the
 * owner's; an account that signs in only through a provider or passkey has none to give.
 */
export const emailChangeRequestSchema = z
  .object({ email: emailSchema, password: z.string().min(1).max(1024).optional() })
  .strict()
  .meta({ id: "EmailChangeRequest" });

export const emailChangeConfirmSchema = z
  .object({ token: z.string().min(16).max(200) })
  .strict()
  .meta({ id: "EmailChangeConfirm" });

export const emailChangeSentSchema = z.object({
  status: z.literal("confirmation_sent"),
  email: z.string().meta({ description: "Where the confirmation link went" }),
});
