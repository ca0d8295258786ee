// Every limit on how often something may be done, in one table (README "Security"), and the
// request-rate limiter that enforces the first group. Three mechanisms enforce them:
//
// - REQUEST_LIMITS: request rates, a fixed-window counter per key in KV `RATE_LIMITS`
//   (`rl:{prefix}:{key}:{window}`), consumed here by `consumeLimit`/`enforceLimit`. KV is
//   eventually consistent (a write can take up to a minute to be seen from other locations),
//   so two requests in different places may both pass the last slot: these limits are
//   approximate, which is fine for throttling abuse.
// - ATTEMPT_BUDGETS: wrong answers to a credential check, a D1 row reserved by one atomic
//   statement before the slow comparison, exact under concurrency
//   (server/auth/credential-throttle.ts, `attemptBudget`).
// - LOGIN_HISTORY_LIMITS: the password sign-in's lockout and credential-stuffing signal, read
//   from D1 `login_attempts` (server/auth/login-protection.ts).
//
// Each entry names what it is keyed by (per-address keys use api/lib/request.ts `clientKey`)
// and what it protects. Change a number here and the README's Security section with it. The
// limit and window of a REQUEST_LIMITS rule are defaults: live configuration's `rate_limits`
// section overrides them without a deploy (README "Live configuration"; `requestRule`).
import { sha256Hex } from "../../core/security/crypto";
import { storedSection } from "../config/current";
import type { Env } from "../env";
import { tooManyRequests } from "../errors";

interface LimitRule {
  /** At most this many in one window; the next one is refused. */
  limit: number;
  windowSeconds: number;
  /** What one counter counts for. */
  keyedBy: string;
  /** The endpoint or check it protects, and what a refusal looks like if not a plain 429. */
  protects: string;
}

interface CountedRule extends LimitRule {
  /** The stored key is `{prefix}:{key}`. */
  prefix: string;
}

interface RequestLimit extends CountedRule {
  /** The 429's message, when the generic "Too many requests" would not help the person. */
  message?: string;
}

/** Request rates (KV, approximate). A refused request does not count. */
export const REQUEST_LIMITS = {
  signIn: {
    prefix: "login-ip",
    limit: 10,
    windowSeconds: 60,
    keyedBy: "client address",
    protects: "POST /api/auth/login, on top of the per-email lockout",
    message: "Too many sign-in attempts from this network. Wait a moment and try again.",
  },
  register: {
    prefix: "register-ip",
    limit: 5,
    windowSeconds: 3600,
    keyedBy: "client address",
    protects: "POST /api/auth/register",
  },
  resendVerification: {
    prefix: "resend-verification",
    limit: 3,
    windowSeconds: 3600,
    keyedBy: "account",
    protects: "POST /api/auth/resend-verification (only counted while unverified)",
  },
  emailChange: {
    prefix: "email-change",
    limit: 5,
    windowSeconds: 3600,
    keyedBy: "account",
    protects: "POST /api/profile/email (each request mails the address typed)",
  },
  customDomain: {
    prefix: "custom-domain",
    limit: 30,
    windowSeconds: 3600,
    keyedBy: "account",
    protects: "PUT /api/account/domain and POST /api/account/domain/check (each calls Cloudflare)",
  },
  forgotPasswordPerAddress: {
    prefix: "forgot-ip",
    limit: 5,
    windowSeconds: 900,
    keyedBy: "client address",
    protects: "POST /api/auth/forgot-password",
  },
  forgotPasswordPerEmail: {
    prefix: "forgot-email",
    limit: 3,
    windowSeconds: 3600,
    keyedBy: "email as typed",
    protects:
      "reset emails to one address; over it the answer is still 202 (it must not tell whether the account exists) but nothing is sent",
  },
  appealLinkPerAddress: {
    prefix: "appeal-link-ip",
    limit: 5,
    windowSeconds: 900,
    keyedBy: "client address",
    protects: "POST /api/auth/appeal-link",
  },
  appealLinkPerEmail: {
    prefix: "appeal-link-email",
    limit: 3,
    windowSeconds: 3600,
    keyedBy: "email as typed",
    protects:
      "appeal-link emails to one address; over it the answer is still 202 (it must not tell whether the account exists) but nothing is sent",
  },
  appealLinkUse: {
    prefix: "appeal-link-use",
    limit: 30,
    windowSeconds: 900,
    keyedBy: "client address",
    protects:
      "POST /api/appeal-link/standing and /api/appeal-link/appeals (reading an emailed link's token)",
  },
  passkeySignIn: {
    prefix: "passkey-login-ip",
    limit: 20,
    windowSeconds: 60,
    keyedBy: "client address",
    protects: "POST /api/auth/passkeys/login/options (each one writes a KV challenge)",
  },
  oauthStart: {
    prefix: "oauth-start-ip",
    limit: 20,
    windowSeconds: 600,
    keyedBy: "client address",
    protects: "GET /api/auth/oauth/{provider}/start",
  },
  oauthCallback: {
    prefix: "oauth-callback-ip",
    limit: 20,
    windowSeconds: 600,
    keyedBy: "client address",
    protects:
      "GET /api/auth/oauth/{provider}/callback; a browser navigation, so over it the answer is a redirect with error=rate_limited",
  },
  writingHelp: {
    prefix: "ai",
    limit: 20,
    windowSeconds: 60,
    keyedBy: "account",
    protects: "every writing-help call, before it counts against the plan's month",
  },
  sharePdfPerAddress: {
    prefix: "share-pdf-ip",
    limit: 60,
    windowSeconds: 3600,
    keyedBy: "client address",
    protects: "GET /r/{slug}/pdf for visitors (a 429 page), across all links: each may print",
    message: "You have downloaded many resumes in the last hour. Try again later.",
  },
  reportPerAddress: {
    prefix: "report-ip",
    limit: 5,
    windowSeconds: 3600,
    keyedBy: "client address",
    protects: "POST /r/{slug}/report (a 429 page), across all links",
    message: "You have sent several reports in the last hour. Try again later.",
  },
  reportPerShare: {
    prefix: "report-share",
    limit: 30,
    windowSeconds: 3600,
    keyedBy: "share link, all addresses together",
    protects:
      "POST /r/{slug}/report (a 429 page): a page being brigaded is already in review long before this",
    message: "This page has received many reports already; moderators are looking at it.",
  },
  photoUpload: {
    prefix: "photo-upload",
    limit: 20,
    windowSeconds: 3600,
    keyedBy: "account",
    protects: "POST /api/profile/avatar and POST /api/resumes/{id}/photo, together",
    message: "Too many photo uploads in the last hour. Try again later.",
  },
  adminRequests: {
    prefix: "admin",
    limit: 100,
    windowSeconds: 60,
    keyedBy: "staff account (the operator token, a machine credential, is exempt)",
    protects: "every /api/admin/* request (api/middleware/admin-guard.ts)",
    message: "Too many admin requests in the last minute. Wait a moment and try again.",
  },
  supportTicket: {
    prefix: "support-ticket",
    limit: 5,
    windowSeconds: 3600,
    keyedBy: "account",
    protects: "POST /api/support/tickets (opening a ticket)",
    message: "You opened several tickets in the last hour. Add to an open one, or try later.",
  },
  supportMessage: {
    prefix: "support-message",
    limit: 30,
    windowSeconds: 3600,
    keyedBy: "account",
    protects: "POST /api/support/tickets/{id}/messages",
    message: "Too many messages in the last hour. Try again later.",
  },
  invoiceResend: {
    prefix: "invoice-resend",
    limit: 1,
    windowSeconds: 60,
    keyedBy: "invoice, all staff together",
    protects: "POST /api/admin/payments/invoices/{id}/resend (a customer's inbox)",
    message: "This invoice was just sent. Wait a minute before sending it again.",
  },
  configTestEmail: {
    prefix: "config-test-email",
    limit: 5,
    windowSeconds: 600,
    keyedBy: "staff account",
    protects: "POST /api/admin/config/email/{key}/test (test sends to the admin's own inbox)",
    message: "Too many test emails. Wait a few minutes before sending another.",
  },
  dataExport: {
    prefix: "data-export",
    limit: 2,
    windowSeconds: 43_200,
    keyedBy: "account",
    protects:
      "POST /api/account/data-export (each new export zips the whole account; a repeat while one runs returns it and is not counted)",
    message: "You can export your data twice in 12 hours. Try again later.",
  },
} as const satisfies Record<string, RequestLimit>;

/** Wrong answers to credential checks (D1, exact); a right answer gives its attempt back. */
export const ATTEMPT_BUDGETS = {
  userProof: {
    prefix: "user",
    limit: 5,
    windowSeconds: 15 * 60,
    keyedBy: "account",
    protects:
      "every password or code of a signed-in person (step-up, change-password, MFA settings) and the code step of an MFA sign-in, together",
  },
  mfaChallenge: {
    prefix: "mfa-challenge",
    limit: 5,
    windowSeconds: 5 * 60,
    keyedBy: "MFA sign-in challenge",
    protects:
      "POST /api/auth/mfa/verify; the challenge lives as long as this window and ends when spent",
  },
  shareVisitor: {
    prefix: "share",
    limit: 10,
    windowSeconds: 15 * 60,
    keyedBy: "share link and client address",
    protects: "POST /r/{slug} (a 429 page)",
  },
  shareLink: {
    prefix: "share",
    limit: 100,
    windowSeconds: 60 * 60,
    keyedBy: "share link, all addresses together",
    protects: "POST /r/{slug} (a 429 page)",
  },
} as const satisfies Record<string, CountedRule>;

/** The password sign-in's own history in D1 `login_attempts` (exact). */
export const LOGIN_HISTORY_LIMITS = {
  lockout: {
    limit: 5,
    windowSeconds: 10 * 60,
    keyedBy: "email",
    protects:
      "POST /api/auth/login: more failures than this since the last success lock the email (429 account_locked) until they age out",
  },
  credentialStuffing: {
    limit: 10,
    windowSeconds: 10 * 60,
    keyedBy: "client address, counting distinct emails that failed",
    protects:
      "POST /api/auth/login: at this many the address is refused for the whole window, whatever the credentials",
  },
} as const satisfies Record<string, LimitRule>;

export type RequestLimitName = keyof typeof REQUEST_LIMITS;

/** KV refuses expirations closer than 60 s. */
const KV_MIN_TTL_SECONDS = 60;
/** KV keys are at most 512 bytes; longer rate-limit keys are hashed. */
const MAX_PLAIN_KEY_BYTES = 400;

export interface RateLimitResult {
  allowed: boolean;
  /** Requests still allowed in this window after this one. */
  remaining: number;
  /** When refused: seconds until the next window opens (at least 1); otherwise 0. */
  retryAfterSeconds: number;
}

async function kvKeyPart(key: string): Promise<string> {
  const bytes = new TextEncoder().encode(key);
  if (bytes.length <= MAX_PLAIN_KEY_BYTES) return key;
  return `sha256:${await sha256Hex(bytes)}`;
}

/**
 * The counter under every request limit: counts one request against `key` in the current
 * fixed window of `windowSeconds` and says whether it may proceed. At most `limit` requests
 * per window pass; a refused request does not count. Approximate under concurrency (see the
 * top of this file). Callers name a limit of the table instead (`consumeLimit`).
 */
export async function rateLimit(
  env: Pick<Env, "RATE_LIMITS">,
  key: string,
  options: { limit: number; windowSeconds: number },
  now: number,
): Promise<RateLimitResult> {
  const { limit, windowSeconds } = options;
  if (
    !Number.isInteger(limit) ||
    limit < 1 ||
    !Number.isInteger(windowSeconds) ||
    windowSeconds < 1
  ) {
    throw new RangeError(`rateLimit: limit and windowSeconds must be positive integers`);
  }
  const windowMs = windowSeconds * 1000;
  const window = Math.floor(now / windowMs);
  const secondsLeft = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
  const kvKey = `rl:${await kvKeyPart(key)}:${window}`;
  const count = Number(await env.RATE_LIMITS.get(kvKey)) || 0;
  if (count >= limit) return { allowed: false, remaining: 0, retryAfterSeconds: secondsLeft };
  await env.RATE_LIMITS.put(kvKey, String(count + 1), {
    expirationTtl: Math.max(KV_MIN_TTL_SECONDS, secondsLeft + 1),
  });
  return { allowed: true, remaining: limit - count - 1, retryAfterSeconds: 0 };
}

type LimitEnv = Pick<Env, "RATE_LIMITS" | "CACHE" | "DB">;

/** The named rule's limit and window in force: live configuration's, else the table's. */
export async function requestRule(
  env: Pick<Env, "CACHE" | "DB">,
  name: RequestLimitName,
): Promise<{ limit: number; windowSeconds: number }> {
  const { limit, windowSeconds } = REQUEST_LIMITS[name];
  const { value } = await storedSection(env, "rate_limits");
  const override = value?.[name] as Partial<{ limit: number; windowSeconds: number }> | undefined;
  return {
    limit: override?.limit ?? limit,
    windowSeconds: override?.windowSeconds ?? windowSeconds,
  };
}

/** Counts one request against the named limit for `key` (an address, an account id, …). */
export async function consumeLimit(
  env: LimitEnv,
  name: RequestLimitName,
  key: string,
  now: number,
): Promise<RateLimitResult> {
  const rule = await requestRule(env, name);
  return rateLimit(env, `${REQUEST_LIMITS[name].prefix}:${key}`, rule, now);
}

/** The 429 `rate_limited` for the named limit, with `Retry-After`: the same answer everywhere. */
export function overLimit(name: RequestLimitName, retryAfterSeconds: number) {
  const rule: RequestLimit = REQUEST_LIMITS[name];
  return tooManyRequests(retryAfterSeconds, rule.message);
}

/** Counts one request against the named limit and throws its 429 when it is spent. */
export async function enforceLimit(
  env: LimitEnv,
  name: RequestLimitName,
  key: string,
  now: number,
): Promise<void> {
  const result = await consumeLimit(env, name, key, now);
  if (!result.allowed) throw overLimit(name, result.retryAfterSeconds);
}
