import { randomToken } from "../../core/security/crypto";
import type { Env } from "../env";
import type { CustomHostname, CustomHostnames, SslMethod } from "./provider";

/**
 * The local stand-in for Cloudflare for SaaS (README "Custom domains"), for local runs and
 * the tests: it keeps hostnames in KV and answers in Cloudflare's shapes. A hostname stays
 * `pending` until its DNS is marked as added (`markLocalDnsReady`, from the dev endpoint),
 * as the real one stays pending until the owner's records resolve; the next check then
 * finds it `active`.
 */

type LocalEnv = Pick<Env, "CACHE">;

interface Stored {
  hostname: CustomHostname;
  dnsReady: boolean;
}

const byId = (id: string) => `local-custom-hostname:${id}`;
const byName = (hostname: string) => `local-custom-hostname-name:${hostname}`;

async function load(env: LocalEnv, id: string): Promise<Stored | null> {
  return env.CACHE.get<Stored>(byId(id), "json");
}

/** Once the DNS is in place Cloudflare validates, issues and drops the validation records. */
function asNow({ hostname, dnsReady }: Stored): CustomHostname {
  if (!dnsReady) return hostname;
  return {
    ...hostname,
    status: "active",
    ssl: { ...hostname.ssl, status: "active", validation_records: [] },
    verification_errors: [],
  };
}

function newHostname(hostname: string, sslMethod: SslMethod): CustomHostname {
  const validation =
    sslMethod === "txt"
      ? { txt_name: `_acme-challenge.${hostname}`, txt_value: randomToken(32) }
      : {
          http_url: `http://${hostname}/.well-known/acme-challenge/${randomToken(16)}`,
          http_body: randomToken(32),
        };
  return {
    id: crypto.randomUUID(),
    hostname,
    status: "pending",
    ssl: { method: sslMethod, status: "pending_validation", validation_records: [validation] },
    ownership_verification: {
      type: "txt",
      name: `_cf-custom-hostname.${hostname}`,
      value: crypto.randomUUID(),
    },
    ownership_verification_http: {
      http_url: `http://${hostname}/.well-known/cf-custom-hostname-challenge/${crypto.randomUUID()}`,
      http_body: crypto.randomUUID(),
    },
    verification_errors: [],
  };
}

export function localCustomHostnames(env: LocalEnv): CustomHostnames {
  return {
    local: true,
    async create(hostname, sslMethod) {
      const existing = await env.CACHE.get(byName(hostname));
      const stored = existing ? await load(env, existing) : null;
      if (stored) return asNow(stored);
      const created = newHostname(hostname, sslMethod);
      await env.CACHE.put(byId(created.id), JSON.stringify({ hostname: created, dnsReady: false }));
      await env.CACHE.put(byName(hostname), created.id);
      return created;
    },
    async get(id) {
      const stored = await load(env, id);
      return stored ? asNow(stored) : null;
    },
    async remove(id) {
      const stored = await load(env, id);
      if (!stored) return;
      await env.CACHE.delete(byName(stored.hostname.hostname));
      await env.CACHE.delete(byId(id));
    },
  };
}

/** Marks a hostname's DNS records as added; false when the stand-in has no such hostname. */
export async function markLocalDnsReady(env: LocalEnv, hostname: string): Promise<boolean> {
  const id = await env.CACHE.get(byName(hostname));
  const stored = id ? await load(env, id) : null;
  if (!id || !stored) return false;
  await env.CACHE.put(byId(id), JSON.stringify({ ...stored, dnsReady: true }));
  return true;
}
