// The emailed appeal link (README "Appeals"): a suspended or banned account cannot sign in, so
// its owner appeals through a link to `/appeal?token=…` — sent with the suspension or ban email,
// and again on request from the sign-in page. The token is single-purpose, kept only as a hash,
// works for seven days and for as many appeals as the account has decisions to contest.
import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { users } from "../../db/schema";
import { createEmailToken, peekEmailToken } from "../auth/email-tokens";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { AppError } from "../errors";

const RESTRICTED = new Set(["suspended", "banned"]);

/** A new appeal link for the account. */
export async function newAppealUrl(env: Env, userId: string, now: number): Promise<string> {
  const { token } = await createEmailToken(env, userId, "appeal", now);
  return publicUrl(env, `/appeal?token=${encodeURIComponent(token)}`);
}

/**
 * Emails a fresh link when the address belongs to a suspended or banned account; otherwise
 * nothing. The caller answers the same either way, so the answer tells nobody about the account.
 */
export async function sendAppealLink(env: Env, email: string, now: number): Promise<boolean> {
  const [account] = await createDb(env.DB)
    .select()
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (!account || !RESTRICTED.has(account.status)) return false;
  await sendEmail(env, {
    to: account.email,
    template: "appeal_link",
    data: {
      name: greetingName(account) ?? "",
      appealUrl: await newAppealUrl(env, account.id, now),
    },
    dedupeKey: `appeal-link:${account.id}:${now}`,
    now,
  });
  return true;
}

/** The account an appeal link's token belongs to; 401 `invalid_appeal_link` otherwise. */
export async function appealLinkAccount(env: Env, token: string, now: number): Promise<string> {
  const userId = await peekEmailToken(env, token, "appeal", now);
  if (!userId) {
    throw new AppError(
      401,
      "invalid_appeal_link",
      "This link has expired or is not valid; ask for a new one from the sign-in page",
    );
  }
  return userId;
}
