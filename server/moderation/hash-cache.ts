// The known-content cache (README "Content moderation", layer 0): content a moderator rejected
// is blocked at once when it appears again, content they approved passes at once. KV, keyed by
// the content hash; only human decisions write it, so a classifier's mistake is never cached.
import type { ModerationCategory } from "../../core/moderation/model";
import type { Env } from "../env";

type HashEnv = Pick<Env, "CACHE">;

export type KnownContent =
  | { verdict: "bad"; category: ModerationCategory; caseId: string }
  | { verdict: "good"; caseId: string };

const keyOf = (hash: string) => `moderation:hash:${hash}`;
/** Approvals are remembered for 90 days; a rejection for a year. */
const GOOD_TTL_SECONDS = 90 * 86_400;
const BAD_TTL_SECONDS = 365 * 86_400;

export function knownContent(env: HashEnv, hash: string): Promise<KnownContent | null> {
  return env.CACHE.get<KnownContent>(keyOf(hash), "json");
}

export async function rememberContent(
  env: HashEnv,
  hash: string,
  known: KnownContent,
): Promise<void> {
  await env.CACHE.put(keyOf(hash), JSON.stringify(known), {
    expirationTtl: known.verdict === "bad" ? BAD_TTL_SECONDS : GOOD_TTL_SECONDS,
  });
}
