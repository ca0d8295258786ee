import { and, eq, isNull } from "drizzle-orm";
import type { SignupPlan } from "../../core/auth/identity";
import { createDb } from "../../db/client";
import { type UserRow, users } from "../../db/schema";
import { accountEvent, trackEvents } from "../analytics/track";
import { publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { errorFields } from "../logger";
import { createJob } from "../ops/jobs";
import { startWorkflowRun } from "../ops/workflow-runs";
import { findUserById } from "./accounts";
import { createEmailToken, EMAIL_TOKEN_TTL_MS } from "./email-tokens";

/** The event the signup workflow waits for, and the one instance per account it runs in. */
export const EMAIL_VERIFIED_EVENT = "email-verified";
export const signupInstanceId = (userId: string) => `signup-${userId}`;
/** The signup's job shares the instance's name: one of each per account. */
export const signupJobId = signupInstanceId;

/**
 * Starts the signup flow for a new account: its job (followed by the person's onboarding and
 * by operators in the runs console), then the workflow run. Both are keyed by the account,
 * so a retried request starts nothing twice.
 */
export async function startSignup(env: Env, userId: string, plan: SignupPlan, now: number) {
  const jobId = signupJobId(userId);
  const owner = `user:${userId}`;
  await createJob(env, {
    id: jobId,
    kind: "signup",
    ownerId: owner,
    note: "account created",
    now,
  });
  await startWorkflowRun(env, {
    workflow: "signup",
    instanceId: signupInstanceId(userId),
    params: { userId, plan, jobId },
    subject: owner,
    jobId,
    createdBy: owner,
    now,
  });
  await trackEvents(env, [accountEvent("user.signed_up", userId, now)]);
  return { jobId };
}

/**
 * A fresh single-use link by email. `occasion` makes the dedupe key: the first email and the
 * reminder are sent once each however often their workflow step replays; each resend
 * requested by the person is its own email. The address is unproven, so the email holds
 * nothing the person typed (their name included): see the verify_email template.
 */
export async function sendVerificationEmail(
  env: Env,
  user: Pick<UserRow, "id" | "email">,
  occasion: string,
  now: number,
  reminder = false,
): Promise<void> {
  const { token } = await createEmailToken(env, user.id, "verify_email", now);
  await sendEmail(env, {
    to: user.email,
    template: "verify_email",
    data: {
      verifyUrl: publicUrl(env, `/verify-email?token=${encodeURIComponent(token)}`),
      expiresInDays: EMAIL_TOKEN_TTL_MS.verify_email / 86_400_000,
      reminder,
    },
    dedupeKey: `verify:${user.id}:${occasion}`,
    now,
  });
}

/** At most one "you already have an account" email per address in this window. */
export const ACCOUNT_EXISTS_NOTICE_WINDOW_MS = 86_400_000;

/**
 * Someone registered with an address that has an account. The sign-up answer does not say
 * so (it would tell anyone which addresses have accounts); the owner hears it by email
 * instead. The dedupe key names the window, so repeated attempts (by a person who forgot, or
 * by someone using the form to flood an inbox) send one email per window, race-free.
 */
export async function sendAccountExistsNotice(
  env: Env,
  user: Pick<UserRow, "id" | "email">,
  now: number,
): Promise<void> {
  const window = Math.floor(now / ACCOUNT_EXISTS_NOTICE_WINDOW_MS);
  await sendEmail(env, {
    to: user.email,
    template: "account_exists",
    data: { signInUrl: publicUrl(env, "/login") },
    dedupeKey: `account-exists:${user.id}:${window}`,
    now,
  });
}

/**
 * Tells the signup workflow the address is confirmed. The confirmation is already in D1,
 * which the workflow checks when its wait times out, so a lost event delays nothing worse
 * than the welcome email.
 */
export async function notifySignupWorkflow(
  env: Env,
  userId: string,
  logger: Logger,
  now: number,
): Promise<void> {
  try {
    const instance = await env.SIGNUP_WORKFLOW.get(signupInstanceId(userId));
    await instance.sendEvent({ type: EMAIL_VERIFIED_EVENT, payload: { userId, at: now } });
  } catch (error) {
    logger.warn("could not notify the signup workflow", { user_id: userId, ...errorFields(error) });
  }
}

/**
 * The end of a signup whose address was never confirmed: the account goes (its profile,
 * tokens and sessions cascade with it). One statement deletes only while the address is
 * unconfirmed, so a confirmation that lands at the same moment keeps the account; the
 * answer says which of the three happened, the same on a replay.
 */
export async function removeUnverifiedAccount(
  env: Pick<Env, "DB">,
  userId: string,
): Promise<"removed" | "verified" | "gone"> {
  const removed = await createDb(env.DB)
    .delete(users)
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
    .returning({ id: users.id });
  if (removed.length > 0) return "removed";
  return (await findUserById(env, userId)) ? "verified" : "gone";
}
