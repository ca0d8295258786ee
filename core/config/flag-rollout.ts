import { sha256 } from "../security/crypto";
import {
  FEATURE_FLAG_NAMES,
  type FeatureFlag,
  type FeatureFlagsValue,
  type FlagRule,
} from "./feature-flags";

// Worker-side evaluation of the flags (README "Live configuration"): apart from the registry in
// feature-flags.ts, which the apps import without the Worker's crypto types.

/**
 * A user's bucket for a flag, 0–99: the first 4 bytes of sha256(flag + ":" + user id), mod 100.
 * It depends on nothing else (no time, no plan, no random), so a user stays in or out of a
 * rollout from request to request, and raising the percent only adds users; the flag's name is
 * in it so each flag's rollout reaches a different slice of users.
 */
export async function rolloutBucket(flag: string, userId: string): Promise<number> {
  const digest = await sha256(`${flag}:${userId}`);
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0) % 100;
}

/** Whether a flag is on for this user under its rule. */
export async function flagOn(
  flag: string,
  rule: FlagRule,
  user: { id: string; plan: string },
): Promise<boolean> {
  if (!rule.enabled || rule.percent === 0) return false;
  if (rule.plans.length > 0 && !(rule.plans as string[]).includes(user.plan)) return false;
  return rule.percent === 100 || (await rolloutBucket(flag, user.id)) < rule.percent;
}

/** Every declared flag, evaluated for one user. */
export async function evaluateFlags(
  rules: FeatureFlagsValue,
  user: { id: string; plan: string },
): Promise<Record<FeatureFlag, boolean>> {
  const entries = await Promise.all(
    FEATURE_FLAG_NAMES.map(async (name) => [name, await flagOn(name, rules[name], user)] as const),
  );
  return Object.fromEntries(entries) as Record<FeatureFlag, boolean>;
}
