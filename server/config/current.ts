import type { ConfigSection } from "../../core/contract/live-config";
import type { Env } from "../env";
import { cachedPointer, cachedValue, cachePointer, cacheValue } from "./cache";
import { latestVersion, versionOf } from "./versions";

/** A section's stored value now: the current version, or version 0 and null (the defaults). */
export interface StoredSection {
  version: number;
  value: Record<string, unknown> | null;
}

/**
 * What a section is set to (README "Live configuration"): the KV pointer and the version it
 * names; on a miss, D1 (and the cache is filled); no version at all means the code's defaults.
 */
export async function storedSection(
  env: Pick<Env, "CACHE" | "DB">,
  section: ConfigSection,
): Promise<StoredSection> {
  const pointer = await cachedPointer(env, section);
  if (pointer === 0) return { version: 0, value: null };
  if (pointer !== null) {
    const cached = await cachedValue(env, section, pointer);
    if (cached) return { version: pointer, value: cached };
    const row = await versionOf(env, section, pointer);
    if (row) {
      const value = JSON.parse(row.valueJson) as Record<string, unknown>;
      await cacheValue(env, section, pointer, value);
      return { version: pointer, value };
    }
  }
  const latest = await latestVersion(env, section);
  if (!latest) {
    await cachePointer(env, section, 0, "reader");
    return { version: 0, value: null };
  }
  const value = JSON.parse(latest.valueJson) as Record<string, unknown>;
  await cacheValue(env, section, latest.version, value);
  await cachePointer(env, section, latest.version, "reader");
  return { version: latest.version, value };
}
