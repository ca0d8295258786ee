import { eq } from "drizzle-orm";
import type {
  CustomDomainRequest,
  CustomDomainResult,
  CustomDomainView,
} from "../../core/contract/custom-domains";
import { createDb } from "../../db/client";
import { type CustomDomainRow, customDomains } from "../../db/schema";
import { assertFeature, hasFeature, type PlanHolder } from "../billing/entitlements";
import type { Env } from "../env";
import { AppError, conflict, notFound } from "../errors";
import { getShare } from "../resumes/shares";
import { forgetHost, retireHost } from "./host-cache";
import { type CustomHostname, customHostnames } from "./provider";
import { dnsRecords, domainState, providerErrors } from "./records";

/**
 * An account's own domain (README "Custom domains"): one per account, on plans with
 * `customDomain`. Each change goes to Cloudflare first and is mirrored in `custom_domains`;
 * the host routing reads the mirror (through a short KV cache this module clears).
 */

export type DomainEnv = Pick<
  Env,
  | "DB"
  | "CACHE"
  | "ENVIRONMENT"
  | "CF_API_TOKEN"
  | "CF_ZONE_ID"
  | "CUSTOM_DOMAIN_CNAME_TARGET"
  | "JWT_ISSUER"
>;

export interface DomainOwner extends PlanHolder {
  id: string;
}

/** The last two labels of a hostname: the domain our own hosts live under. */
const domainOf = (host: string) => host.split(".").slice(-2).join(".");

/** Our own domains (the app's and the CNAME target's): never a customer's hostname. */
export function ownDomains(env: Pick<Env, "JWT_ISSUER" | "CUSTOM_DOMAIN_CNAME_TARGET">) {
  return [new URL(env.JWT_ISSUER).hostname, env.CUSTOM_DOMAIN_CNAME_TARGET]
    .filter((host) => host.includes("."))
    .map(domainOf);
}

function refuseOwnDomain(env: DomainEnv, hostname: string) {
  const own = ownDomains(env).find((d) => hostname === d || hostname.endsWith(`.${d}`));
  if (!own) return;
  throw new AppError(400, "validation_failed", "That hostname belongs to us, not to you.", [
    { path: ["hostname"], message: `Use a hostname outside ${own}.`, location: "body" },
  ]);
}

const parseJson = <T>(text: string): T => JSON.parse(text) as T;

function toView(row: CustomDomainRow, local: boolean): CustomDomainView {
  return {
    hostname: row.hostname,
    resume_id: row.resumeId,
    ssl_method: row.sslMethod,
    state: row.state,
    hostname_status: row.hostnameStatus,
    ssl_status: row.sslStatus,
    records: parseJson(row.records),
    errors: parseJson(row.errors),
    url: `https://${row.hostname}/`,
    checked_at: new Date(row.checkedAt).toISOString(),
    local,
  };
}

/** The columns that follow Cloudflare's answer. */
function mirrorOf(env: DomainEnv, hostname: CustomHostname, now: number) {
  const sslStatus = hostname.ssl?.status ?? "initializing";
  return {
    providerId: hostname.id,
    state: domainState(hostname.status, sslStatus),
    hostnameStatus: hostname.status,
    sslStatus,
    records: JSON.stringify(dnsRecords(hostname, env.CUSTOM_DOMAIN_CNAME_TARGET)),
    errors: JSON.stringify(providerErrors(hostname)),
    checkedAt: now,
    updatedAt: now,
  };
}

async function rowOf(env: DomainEnv, userId: string) {
  const [row] = await createDb(env.DB)
    .select()
    .from(customDomains)
    .where(eq(customDomains.userId, userId))
    .limit(1);
  return row ?? null;
}

const isLocal = (env: DomainEnv) => !(env.CF_API_TOKEN && env.CF_ZONE_ID);

export async function getDomain(env: DomainEnv, owner: DomainOwner): Promise<CustomDomainResult> {
  const row = await rowOf(env, owner.id);
  return {
    domain: row ? toView(row, isLocal(env)) : null,
    entitled: hasFeature(owner, "customDomain"),
    cname_target: env.CUSTOM_DOMAIN_CNAME_TARGET,
  };
}

/**
 * Sets the account's domain. The same hostname again only changes which resume it shows (a
 * retried request changes nothing); a new one replaces the old at Cloudflare.
 */
export async function setDomain(
  env: DomainEnv,
  owner: DomainOwner,
  request: CustomDomainRequest,
  now: number,
): Promise<CustomDomainView> {
  assertFeature(owner, "customDomain");
  refuseOwnDomain(env, request.hostname);
  await getShare(env, owner.id, request.resume_id);
  const db = createDb(env.DB);
  const current = await rowOf(env, owner.id);
  if (current?.hostname === request.hostname) {
    const [row] = await db
      .update(customDomains)
      .set({ resumeId: request.resume_id, updatedAt: now })
      .where(eq(customDomains.userId, owner.id))
      .returning();
    await forgetHost(env, request.hostname);
    return toView(row ?? current, isLocal(env));
  }
  const [taken] = await db
    .select({ userId: customDomains.userId })
    .from(customDomains)
    .where(eq(customDomains.hostname, request.hostname))
    .limit(1);
  if (taken) throw conflict("That hostname is already in use by another account.");

  const provider = customHostnames(env);
  const created = await provider.create(request.hostname, request.ssl_method);
  const values = {
    userId: owner.id,
    hostname: request.hostname,
    resumeId: request.resume_id,
    sslMethod: request.ssl_method,
    createdAt: now,
    ...mirrorOf(env, created, now),
  };
  let row: CustomDomainRow | undefined;
  try {
    [row] = await db
      .insert(customDomains)
      .values(values)
      .onConflictDoUpdate({ target: customDomains.userId, set: values })
      .returning();
  } catch (error) {
    // Another account took the hostname between the check and the write.
    const cause = error instanceof Error ? String(error.cause ?? "") : "";
    if (`${error} ${cause}`.includes("UNIQUE constraint failed")) {
      throw conflict("That hostname is already in use by another account.");
    }
    throw error;
  }
  if (!row) throw new Error("custom domain upsert returned no row");
  if (current) {
    await provider.remove(current.providerId);
    await retireHost(env, current.hostname);
  }
  await forgetHost(env, request.hostname);
  return toView(row, provider.local);
}

/** Asks Cloudflare how the hostname stands now and mirrors the answer. */
export async function checkDomain(
  env: DomainEnv,
  userId: string,
  now: number,
): Promise<CustomDomainView> {
  const current = await rowOf(env, userId);
  if (!current) throw notFound("Custom domain");
  return refresh(env, current, now);
}

async function refresh(env: DomainEnv, current: CustomDomainRow, now: number) {
  const provider = customHostnames(env);
  const hostname = await provider.get(current.providerId);
  const changes = hostname
    ? mirrorOf(env, hostname, now)
    : {
        state: "failed" as const,
        errors: JSON.stringify([
          "Cloudflare no longer has this hostname: remove it and add it again.",
        ]),
        checkedAt: now,
        updatedAt: now,
      };
  const [row] = await createDb(env.DB)
    .update(customDomains)
    .set(changes)
    .where(eq(customDomains.userId, current.userId))
    .returning();
  await forgetHost(env, current.hostname);
  return toView(row ?? current, provider.local);
}

/** Deletes the hostname at Cloudflare and here; the page goes offline at once. */
export async function removeDomain(env: DomainEnv, userId: string): Promise<void> {
  const current = await rowOf(env, userId);
  if (!current) return;
  await removeRow(env, current);
}

async function removeRow(env: DomainEnv, current: CustomDomainRow): Promise<void> {
  const { userId } = current;
  await customHostnames(env).remove(current.providerId);
  await createDb(env.DB).delete(customDomains).where(eq(customDomains.userId, userId));
  await retireHost(env, current.hostname);
}

export { refresh as refreshDomain, removeRow as removeDomainRow };
