// Unlocking a password-protected share link (README "Templates and sharing", "Security").
// Two race-free budgets in D1 (credential-throttle.ts), each attempt reserved before the slow
// password check: one per visitor address and link, so one visitor cannot keep guessing, and
// one per link across all addresses, so guessing spread over many addresses is capped too.
// A right password gives its attempts back: only wrong ones count.

import { attemptBudget, releaseAttempts, reserveAttempts } from "../auth/credential-throttle";
import { verifyPassword } from "../auth/passwords";
import type { Env } from "../env";
import { ATTEMPT_BUDGETS } from "../ops/rate-limits";

/** Wrong passwords one address may send for one link in 15 minutes. */
export const SHARE_VISITOR_ATTEMPTS = ATTEMPT_BUDGETS.shareVisitor;
/** Wrong passwords one link takes in an hour from everyone together. */
export const SHARE_LINK_ATTEMPTS = ATTEMPT_BUDGETS.shareLink;

export type ShareUnlock =
  | { outcome: "unlocked" }
  | { outcome: "wrong" }
  | { outcome: "limited"; retryAfterSeconds: number };

export async function unlockShare(
  env: Pick<Env, "DB">,
  input: { slug: string; passwordHash: string; visitor: string; password: string },
  now: number,
): Promise<ShareUnlock> {
  const reservation = await reserveAttempts(
    env,
    [
      attemptBudget("shareVisitor", `${input.slug}:${input.visitor}`),
      attemptBudget("shareLink", input.slug),
    ],
    now,
  );
  if (!reservation.granted) {
    return { outcome: "limited", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const { valid } = await verifyPassword(input.password, input.passwordHash);
  if (!valid) return { outcome: "wrong" };
  await releaseAttempts(env, reservation);
  return { outcome: "unlocked" };
}
