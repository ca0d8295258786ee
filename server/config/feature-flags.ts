import { FEATURE_FLAG_DEFAULTS, type FeatureFlag } from "../../core/config/feature-flags";
import { evaluateFlags, flagOn } from "../../core/config/flag-rollout";
import type { Env } from "../env";
import { AppError } from "../errors";
import { storedSection } from "./current";
import { overlay } from "./overlay";

type FlagEnv = Pick<Env, "CACHE" | "DB">;
type FlagUser = { id: string; plan: string };

/** The flags in force (README "Live configuration", feature flags): the section over the code's. */
async function flagRules(env: FlagEnv) {
  const { value } = await storedSection(env, "feature_flags");
  return overlay(FEATURE_FLAG_DEFAULTS, value);
}

/** Every flag for one user, as `GET /api/features` answers. */
export async function userFlags(env: FlagEnv, user: FlagUser) {
  return evaluateFlags(await flagRules(env), user);
}

/** 403 `feature_disabled` when the flag is off for this user. */
export async function requireFeature(env: FlagEnv, flag: FeatureFlag, user: FlagUser) {
  if (!(await flagOn(flag, (await flagRules(env))[flag], user)))
    throw new AppError(403, "feature_disabled", "This feature is not available on your account");
}
