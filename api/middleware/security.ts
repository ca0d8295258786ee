import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import policy from "../../core/security/headers.json";
import type { AppEnv } from "../app-env";

/**
 * Security headers: Hono's defaults (COOP, CORP, no sniffing of downloads, …) plus the
 * policy in core/security/headers.json, which the app build also writes into
 * `dist/public/_headers` so static files and API answers carry the same one.
 */
const honoDefaults = secureHeaders({ overwrite: false });

/**
 * A response that set a policy header itself keeps it: a resume document (template
 * preview, share page) needs its own stricter CSP, and the editor frames previews.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  let own = new Set<string>();
  await honoDefaults(c, async () => {
    await next();
    own = new Set(Object.keys(policy).filter((name) => c.res.headers.has(name)));
  });
  for (const [name, value] of Object.entries(policy)) {
    if (!own.has(name)) c.header(name, value);
  }
};

/** CORS for the configured origins only; anything else gets no CORS headers at all. */
export const corsForConfiguredOrigins: MiddlewareHandler<AppEnv> = (c, next) => {
  const allowed = new Set(
    (c.env.CORS_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
  );
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: [
      "Content-Type",
      "Authorization",
      "X-CSRF-Token",
      "X-Request-Id",
      "Idempotency-Key",
    ],
    exposeHeaders: ["X-Request-Id", "Retry-After"],
    maxAge: 600,
  })(c, next);
};
