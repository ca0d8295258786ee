import { and, eq, exists, gt, isNull } from "drizzle-orm";
import { randomToken } from "../../core/security/crypto";
import { createDb, type Database } from "../../db/client";
import { emailTokens } from "../../db/schema";
import type { Env } from "../env";
import { hashToken } from "./refresh-tokens";

export type EmailTokenPurpose = "verify_email" | "reset_password" | "appeal" | "change_email";

/**
 * How long each kind of link works (README "Accounts": reset links for one hour; README
 * "Appeals": a suspended or banned account's appeal link for seven days).
 */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 7 * 86_400_000,
  reset_password: 3_600_000,
  appeal: 7 * 86_400_000,
  // README "Profile and security emails"; the account keeps its old address until then.
  change_email: 3 * 86_400_000,
};

/** A new single-use token; only its hash is stored, the token itself goes into the email. */
export async function createEmailToken(
  env: Pick<Env, "DB">,
  userId: string,
  purpose: EmailTokenPurpose,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken();
  const expiresAt = now + EMAIL_TOKEN_TTL_MS[purpose];
  await createDb(env.DB)
    .insert(emailTokens)
    .values({
      id: crypto.randomUUID(),
      userId,
      purpose,
      tokenHash: await hashToken(token),
      createdAt: now,
      expiresAt,
    });
  return { token, expiresAt };
}

/**
 * Uses a token up: returns its user the first time, null if it is unknown, expired, for
 * another purpose or already used. The compare-and-set makes two clicks count once.
 */
export async function consumeEmailToken(
  env: Pick<Env, "DB">,
  token: string,
  purpose: EmailTokenPurpose,
  now: number,
): Promise<string | null> {
  const [used] = await createDb(env.DB)
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, await hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: emailTokens.userId });
  return used?.userId ?? null;
}

/** The user a live token belongs to, without using it up (to validate input first). */
export async function peekEmailToken(
  env: Pick<Env, "DB">,
  token: string,
  purpose: EmailTokenPurpose,
  now: number,
): Promise<string | null> {
  const row = await createDb(env.DB).query.emailTokens.findFirst({
    where: and(
      eq(emailTokens.tokenHash, await hashToken(token)),
      eq(emailTokens.purpose, purpose),
      isNull(emailTokens.usedAt),
      gt(emailTokens.expiresAt, now),
    ),
  });
  return row?.userId ?? null;
}

/**
 * A condition for a write that a link authorises: `token` is a live, unused `purpose` token
 * of `userId`. Put in the same batch as `endEmailTokensOf`, of two links used at once only
 * the first write happens.
 */
export async function whileEmailTokenLive(
  db: Database,
  token: string,
  purpose: EmailTokenPurpose,
  userId: string,
  now: number,
) {
  return exists(
    db
      .select({ id: emailTokens.id })
      .from(emailTokens)
      .where(
        and(
          eq(emailTokens.tokenHash, await hashToken(token)),
          eq(emailTokens.purpose, purpose),
          eq(emailTokens.userId, userId),
          isNull(emailTokens.usedAt),
          gt(emailTokens.expiresAt, now),
        ),
      ),
  );
}

/** Uses up every outstanding `purpose` link of the user (a statement for a batch). */
export const endEmailTokensOf = (
  db: Database,
  userId: string,
  purpose: EmailTokenPurpose,
  now: number,
) =>
  db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.userId, userId),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
      ),
    );
