import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { forbidden, unauthorized } from "../lib/errors";

/**
 * Who is calling. Until staff and user accounts exist, the only credential is the operator
 * token (a Worker secret) used by automation and the admin app's operator sign-in.
 */
export type Principal = { kind: "operator"; id: "operator" };

async function sameSecret(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  // Hash both sides first so the comparison takes the same time whatever the lengths.
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}

export const resolvePrincipal = createMiddleware<AppEnv>(async (c, next) => {
  c.set("principal", null);
  const header = c.req.header("authorization");
  const token = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const opsToken = c.env.OPS_API_TOKEN;
  if (token && opsToken && opsToken.length >= 32 && (await sameSecret(token, opsToken))) {
    c.set("principal", { kind: "operator", id: "operator" });
  } else if (token) {
    throw unauthorized();
  }
  await next();
});

export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get("principal");
  if (!principal) throw unauthorized();
  if (principal.kind !== "operator") throw forbidden();
  await next();
});

/** The owner id a principal's jobs are recorded under. */
export const ownerIdOf = (principal: Principal): string => principal.id;
