import { MODERATION_DEFAULTS, type ModerationValue } from "../../core/config/moderation";
import type { Actor } from "../actor";
import type { Env } from "../env";
import { updateSection } from "./changes";
import { storedSection } from "./current";
import { overlay } from "./overlay";
import { latestVersion } from "./versions";

/**
 * The moderation thresholds (README "Live configuration", moderation): the `moderation` section
 * over the code's defaults. Reports and strike escalation read them through the config cache
 * (KV pointer, then D1 on a miss), like every section.
 */

type ConfigEnv = Pick<Env, "CACHE" | "DB">;

/** Strike thresholds fewest strikes first, whatever order they were saved in. */
const sorted = (value: ModerationValue): ModerationValue => ({
  ...value,
  strikes: {
    thresholds: [...value.strikes.thresholds].sort((a, b) => a.strikes - b.strikes),
  },
});

export async function moderationThresholds(env: ConfigEnv): Promise<ModerationValue> {
  const { value } = await storedSection(env, "moderation");
  return sorted(overlay(MODERATION_DEFAULTS, value));
}

/**
 * The section as last written, read from D1 like the config page reads it, with who wrote it
 * and when (null while the code's defaults apply).
 */
export async function moderationSettings(env: Pick<Env, "DB">): Promise<{
  value: ModerationValue;
  version: number;
  updatedAt: number | null;
  updatedBy: string | null;
}> {
  const latest = await latestVersion(env, "moderation");
  const stored = latest ? (JSON.parse(latest.valueJson) as Record<string, unknown>) : null;
  return {
    value: sorted(overlay(MODERATION_DEFAULTS, stored)),
    version: latest?.version ?? 0,
    updatedAt: latest?.createdAt ?? null,
    updatedBy: latest?.createdBy ?? null,
  };
}

/** A new version with `change` applied to the section as last written; the rest is kept. */
export async function updateModeration(
  env: Env,
  actor: Actor,
  change: (current: ModerationValue) => ModerationValue,
  reason: string,
) {
  const { value } = await moderationSettings(env);
  return updateSection(env, actor, "moderation", { value: change(value), reason });
}
