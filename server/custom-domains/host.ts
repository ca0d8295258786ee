import { hasFeature } from "../billing/entitlements";
import { planTable } from "../config/plan-table";
import type { Env } from "../env";
import { findPublicShare } from "../resumes/shares";
import { hostEntry } from "./host-cache";

/**
 * What a request's host serves (README "Custom domains"). Our own hosts skip the look-up;
 * a host no account has is not a custom domain (previews, workers.dev) and gets the app; a
 * customer's hostname serves its share page while the domain is active, the link open and
 * the owner's plan includes custom domains, and nothing otherwise.
 */

export type HostSite = { kind: "ours" } | { kind: "offline" } | { kind: "page"; slug: string };

type HostEnv = Pick<
  Env,
  "CACHE" | "DB" | "JWT_ISSUER" | "CORS_ORIGINS" | "CUSTOM_DOMAIN_CNAME_TARGET"
>;

function isOwnHost(env: HostEnv, hostname: string): boolean {
  if (hostname === "localhost" || hostname === "127.0.0.1" || hostname.endsWith(".workers.dev")) {
    return true;
  }
  const origins = [env.JWT_ISSUER, ...env.CORS_ORIGINS.split(",")].flatMap((origin) => {
    try {
      return [new URL(origin.trim()).hostname];
    } catch {
      return [];
    }
  });
  return hostname === env.CUSTOM_DOMAIN_CNAME_TARGET || origins.includes(hostname);
}

export async function siteForHost(env: HostEnv, hostname: string): Promise<HostSite> {
  const host = hostname.toLowerCase();
  if (isOwnHost(env, host)) return { kind: "ours" };
  const entry = await hostEntry(env, host);
  if (!entry) return { kind: "ours" };
  if (entry.state !== "active" || !entry.slug) return { kind: "offline" };
  const share = await findPublicShare(env, entry.slug);
  // A password-protected link is not served on a custom domain: it would need a cookie there.
  if (!share || share.ownerId !== entry.userId || share.passwordHash) return { kind: "offline" };
  const entitled = hasFeature(
    { plan: share.ownerPlan, plans: await planTable(env) },
    "customDomain",
  );
  return entitled ? { kind: "page", slug: share.slug } : { kind: "offline" };
}
