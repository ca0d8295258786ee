import type { Context } from "hono";
import { getConnInfo } from "hono/cloudflare-workers";
import type { Actor } from "../../server/actor";
import type { AppEnv } from "../app-env";
import { deviceIdOf } from "./auth-cookies";

/** User agents are kept to this many characters: enough to tell devices apart. */
const USER_AGENT_MAX = 300;

/** The caller's address as Cloudflare saw it (`CF-Connecting-IP`); null off Cloudflare. */
export function clientAddress(c: Context<AppEnv>): string | null {
  return getConnInfo(c).remote.address ?? null;
}

/** The address as a key for a per-address limit: callers without one share one bucket. */
export const clientKey = (c: Context<AppEnv>): string => clientAddress(c) ?? "unknown";

/** The device a session is opened from, as sessions and audit rows record it. */
export function deviceOf(c: Context<AppEnv>) {
  return {
    userAgent: c.req.header("user-agent")?.slice(0, USER_AGENT_MAX) ?? null,
    ip: clientAddress(c),
    deviceId: deviceIdOf(c),
    requestId: c.get("requestId") ?? null,
  };
}

/** Who is acting and from where, for the services that record it. */
export function actorOf(c: Context<AppEnv>, at = c.get("now")): Actor {
  const principal = c.get("principal");
  return {
    id: principal?.id ?? "anonymous",
    role: principal?.role ?? "none",
    userAgent: c.req.header("user-agent")?.slice(0, USER_AGENT_MAX) ?? null,
    ip: clientAddress(c),
    requestId: c.get("requestId") ?? null,
    at,
  };
}
