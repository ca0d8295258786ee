import { z } from "zod";
import { SIGNUP_PLANS, USER_STATUSES } from "../auth/identity";
import { OAUTH_PROVIDERS } from "../auth/oauth-providers";
import { PASSWORD_MAX_LENGTH } from "../auth/password-policy";
import { ROLES } from "../auth/permissions";
import { STEP_UP_METHODS } from "../auth/step-up";
import { PLANS } from "../plans/entitlements";

/**
 * The wire contract of accounts, sessions, passwords, two-factor authentication, step-up
 * and linked sign-in providers (`/api/auth/*`): what the routes validate and answer, and
 * the types both apps read. Passkeys are in `passkeys.ts`.
 */

export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const passwordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const totpCode = z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your app");
const recoveryCode = z.string().min(10).max(20);
/** The single-use token of an emailed link (verification, password reset). */
const emailLinkToken = z.string().min(16).max(200);

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(USER_STATUSES),
    plan: z.enum(PLANS),
    email_verified: z.boolean(),
    mfa_enabled: z.boolean(),
    created_at: z.string(),
  })
  .meta({ id: "User" });
export type User = z.output<typeof userSchema>;

export const tokenPairSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
    user: userSchema,
    csrf_token: z.string().optional(),
  })
  .meta({ id: "TokenPair" });
export type TokenPair = z.output<typeof tokenPairSchema>;

export const registerSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().trim().min(1).max(100),
    plan: z.enum(SIGNUP_PLANS).default("free"),
  })
  .meta({ id: "RegisterRequest" });
export type RegisterRequest = z.input<typeof registerSchema>;

/**
 * The same answer for a new address and a taken one (whose owner is told by email): no
 * account, no session. Sign in once the address is confirmed.
 */
export const registerResultSchema = z.object({
  status: z.literal("verification_sent"),
  email: z.string().meta({ description: "Where the email went" }),
});
export type RegisterResult = z.output<typeof registerResultSchema>;

export const loginSchema = z
  .object({ email: emailSchema, password: passwordSchema })
  .meta({ id: "LoginRequest" });
export type LoginRequest = z.input<typeof loginSchema>;

/** The password was right, and the account wants its second factor before a session opens. */
export const mfaChallengeSchema = z.object({
  mfa_required: z.literal(true),
  /** Good for 5 minutes and 5 tries. */
  mfa_token: z.string(),
  methods: z.array(z.enum(STEP_UP_METHODS)),
});
export type MfaChallenge = z.output<typeof mfaChallengeSchema>;

export const loginResultSchema = z.union([tokenPairSchema, mfaChallengeSchema]);
export type LoginResult = z.output<typeof loginResultSchema>;

/** Second step of a sign-in with MFA: a code from the authenticator app, or a recovery code. */
export const mfaVerifySchema = z
  .object({
    mfa_token: z.string().uuid(),
    code: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    recovery_code: recoveryCode.optional(),
  })
  .refine((body) => body.code || body.recovery_code, "Send a code or a recovery code");
export type MfaVerifyRequest = z.input<typeof mfaVerifySchema>;

/** Browsers send the refresh token as a cookie; other clients in the body. */
export const refreshSchema = z
  .object({ refresh_token: z.string().min(1).max(200).optional() })
  .meta({ id: "RefreshRequest" });
export type RefreshRequest = z.input<typeof refreshSchema>;

export const loggedOutSchema = z.object({ logged_out: z.literal(true) });

/** The account, as `/auth/me` and a confirmed email answer it. */
export const userResultSchema = z.object({ user: userSchema });

export const verifyEmailSchema = z.object({ token: emailLinkToken });

export const resendResultSchema = z.object({ sent: z.boolean(), already_verified: z.boolean() });
export type ResendResult = z.output<typeof resendResultSchema>;

export const tokenValidationSchema = z.object({
  valid: z.literal(true),
  user_id: z.string(),
  role: z.enum(ROLES),
  /** As the token carries them (a token outlives a change to its role's permissions). */
  permissions: z.array(z.string()),
  expires_at: z.string(),
});

/** A signed-in device: one refresh-token family. */
export const sessionSchema = z
  .object({
    id: z.string(),
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    started_at: z.string(),
    last_seen_at: z.string(),
    expires_at: z.string(),
    current: z.boolean(),
  })
  .meta({ id: "Session" });
export type Session = z.output<typeof sessionSchema>;

export const sessionRevokedSchema = z.object({ revoked: z.literal(true) });

export const forgotPasswordSchema = z.object({ email: emailSchema });
export const resetLinkSentSchema = z.object({ sent: z.literal(true) });
export const resetPasswordSchema = z.object({ token: emailLinkToken, password: passwordSchema });
export type ResetPasswordRequest = z.input<typeof resetPasswordSchema>;
export const passwordResetSchema = z.object({ reset: z.literal(true) });

export const changePasswordSchema = z.object({
  current_password: passwordSchema,
  new_password: passwordSchema,
});
export type ChangePasswordRequest = z.input<typeof changePasswordSchema>;
/** This session continues with a new access token: every older one was revoked. */
export const passwordChangedSchema = z.object({
  changed: z.literal(true),
  access_token: z.string(),
  expires_in: z.number(),
});
export type PasswordChanged = z.output<typeof passwordChangedSchema>;

/** A proof a step-up accepts: exactly one of them. */
export const stepUpRequestSchema = z
  .object({
    password: passwordSchema.optional(),
    code: totpCode.optional(),
    recovery_code: recoveryCode.optional(),
  })
  .strict()
  .refine(
    (body) => [body.password, body.code, body.recovery_code].filter(Boolean).length === 1,
    "Send exactly one of password, code or recovery_code",
  )
  .meta({ id: "StepUpRequest" });
export type StepUpRequest = z.output<typeof stepUpRequestSchema>;
/** The same, as a client sends it: the refinement's "exactly one" written as a type. */
export type StepUpProof = { password: string } | { code: string } | { recovery_code: string };

/** What a successful step-up returns: an access token that carries the fresh proof. */
export const stepUpGrantSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
    /** Seconds since the epoch, as the token's `auth_time` claim. */
    auth_time: z.number().int(),
    mfa: z.boolean(),
  })
  .meta({ id: "StepUpGrant" });
export type StepUpGrant = z.output<typeof stepUpGrantSchema>;

/** The proofs the account can give, and this session's last proof (`auth_time` in seconds). */
export const stepUpMethodsSchema = z.object({
  methods: z.array(z.enum(STEP_UP_METHODS)),
  mfa: z.boolean(),
  auth_time: z.number(),
});
export type StepUpMethods = z.output<typeof stepUpMethodsSchema>;

export const mfaStatusSchema = z.object({
  enabled: z.boolean(),
  recovery_codes_left: z.number().int(),
});
export type MfaStatus = z.output<typeof mfaStatusSchema>;

/** A TOTP secret and its otpauth:// URL for the authenticator app (QR code). */
export const totpSetupSchema = z.object({ secret: z.string(), otpauth_url: z.string() });
export type TotpSetup = z.output<typeof totpSetupSchema>;

export const totpCodeSchema = z.object({ code: totpCode });
/** Single-use recovery codes, shown once. */
export const recoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()) });
export type RecoveryCodes = z.output<typeof recoveryCodesSchema>;

export const mfaDisableSchema = z.object({
  password: passwordSchema,
  code: totpCode.optional(),
  recovery_code: z.string().max(20).optional(),
});
export const mfaDisabledSchema = z.object({ enabled: z.literal(false) });

/** A sign-in provider this deployment offers (only configured ones are listed). */
export const oauthProviderSchema = z.object({ id: z.enum(OAUTH_PROVIDERS), name: z.string() });
export type OAuthProviderInfo = z.output<typeof oauthProviderSchema>;
export const oauthProvidersSchema = z.object({ providers: z.array(oauthProviderSchema) });

/** A provider identity linked to the signed-in account. */
export const linkedIdentitySchema = z
  .object({
    id: z.string(),
    provider: z.enum(OAUTH_PROVIDERS),
    email: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .meta({ id: "LinkedIdentity" });
export type LinkedIdentity = z.output<typeof linkedIdentitySchema>;

export const identityUnlinkedSchema = z.object({ unlinked: z.literal(true) });
