import { z } from "@hono/zod-openapi";
import { SIGNUP_PLANS } from "../../../core/auth/identity";
import { PASSWORD_MAX_LENGTH } from "../../../core/auth/password-policy";

export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const passwordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    status: z.string(),
    plan: z.string(),
    email_verified: z.boolean(),
    mfa_enabled: z.boolean(),
    created_at: z.string(),
  })
  .openapi("User");

export const tokenPairSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
    user: userSchema,
    csrf_token: z.string().optional(),
  })
  .openapi("TokenPair");

export const registerSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().trim().min(1).max(100),
    plan: z.enum(SIGNUP_PLANS).default("free"),
  })
  .openapi("RegisterRequest");

export const loginSchema = z
  .object({ email: emailSchema, password: passwordSchema })
  .openapi("LoginRequest");

/** Browsers send the refresh token as a cookie; other clients in the body. */
export const refreshSchema = z
  .object({ refresh_token: z.string().min(1).max(200).optional() })
  .openapi("RefreshRequest");

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
  .openapi("StepUpGrant");
