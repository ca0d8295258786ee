import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { customDomains, resumeShares } from "../../db/schema";
import type { Env } from "../env";

/**
 * Which account a hostname belongs to, for the host routing (README "Custom domains"): KV in
 * front of D1, for a minute. Every change to a domain clears its entry, so a removal or a
 * failed check takes the page offline at once where it was changed; the plan is not cached
 * here (the share lookup reads it on every request).
 */

type CacheEnv = Pick<Env, "CACHE" | "DB">;

export interface HostEntry {
  userId: string;
  state: string;
  /** The share link's slug of the chosen resume; null when it has none. */
  slug: string | null;
}

const TTL_SECONDS = 60;
const keyOf = (hostname: string) => `custom-host:${hostname}`;

export async function forgetHost(env: Pick<Env, "CACHE">, hostname: string): Promise<void> {
  await env.CACHE.delete(keyOf(hostname));
}

/**
 * A removed hostname answers 404 for a day rather than reaching the app: Cloudflare may still
 * route it here while its deletion spreads. Adding it again clears this (forgetHost).
 */
export async function retireHost(env: Pick<Env, "CACHE">, hostname: string): Promise<void> {
  const entry: HostEntry = { userId: "", state: "removed", slug: null };
  await env.CACHE.put(keyOf(hostname), JSON.stringify({ entry }), { expirationTtl: 86_400 });
}

/** The hostname's owner and page, or null when no account has it. */
export async function hostEntry(env: CacheEnv, hostname: string): Promise<HostEntry | null> {
  const cached = await env.CACHE.get<{ entry: HostEntry | null }>(keyOf(hostname), "json");
  if (cached) return cached.entry;
  const [row] = await createDb(env.DB)
    .select({
      userId: customDomains.userId,
      state: customDomains.state,
      slug: resumeShares.slug,
    })
    .from(customDomains)
    .leftJoin(resumeShares, eq(resumeShares.resumeId, customDomains.resumeId))
    .where(eq(customDomains.hostname, hostname))
    .limit(1);
  const entry = row ?? null;
  await env.CACHE.put(keyOf(hostname), JSON.stringify({ entry }), { expirationTtl: TTL_SECONDS });
  return entry;
}
