import type { ConfigSection } from "../../core/contract/live-config";
import type { Env } from "../env";

/**
 * KV `CACHE` in front of the versions in D1 (README "Live configuration"). A version's value
 * never changes, so it is cached under its own key for good (`config:{section}:v{n}`); what
 * changes is the small pointer `config:{section}:current` naming the current version (0: the
 * code's defaults). Writing a version moves the pointer, so the next read anywhere the pointer
 * has propagated uses it: at once in the writer's location, within KV's propagation (about a
 * minute) elsewhere.
 */

const pointerKey = (section: ConfigSection) => `config:${section}:current`;
const valueKey = (section: ConfigSection, version: number) => `config:${section}:v${version}`;

/**
 * A pointer filled by a reader from D1 expires soon: a reader racing a writer could put back
 * the version the writer just replaced, and this bounds how long that can last. KV's minimum.
 */
const READER_POINTER_TTL_SECONDS = 60;

export async function cachedPointer(
  env: Pick<Env, "CACHE">,
  section: ConfigSection,
): Promise<number | null> {
  const text = await env.CACHE.get(pointerKey(section));
  if (text === null) return null;
  const version = Number(text);
  return Number.isInteger(version) && version >= 0 ? version : null;
}

export async function cachedValue(
  env: Pick<Env, "CACHE">,
  section: ConfigSection,
  version: number,
): Promise<Record<string, unknown> | null> {
  return env.CACHE.get<Record<string, unknown>>(valueKey(section, version), "json");
}

export async function cacheValue(
  env: Pick<Env, "CACHE">,
  section: ConfigSection,
  version: number,
  value: Record<string, unknown>,
): Promise<void> {
  await env.CACHE.put(valueKey(section, version), JSON.stringify(value));
}

/** `by: "writer"` after a new version (kept until the next one); `"reader"` after a miss. */
export async function cachePointer(
  env: Pick<Env, "CACHE">,
  section: ConfigSection,
  version: number,
  by: "writer" | "reader",
): Promise<void> {
  await env.CACHE.put(
    pointerKey(section),
    String(version),
    by === "reader" ? { expirationTtl: READER_POINTER_TTL_SECONDS } : {},
  );
}
