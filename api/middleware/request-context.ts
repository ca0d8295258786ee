import { createMiddleware } from "hono/factory";
import { createLogger } from "../../server/logger";
import type { AppEnv } from "../app-env";
import { clientAddress } from "../lib/request";
import { requestTime } from "../lib/request-time";

const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Gives every request an id (a well-formed incoming `X-Request-Id` is kept so traces join
 * across services), a logger that stamps it on every line, the time it is served at (`now`,
 * read once: see api/lib/request-time.ts) and one access-log line.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
  const logger = createLogger(c.env.LOG_LEVEL ?? "info", { request_id: requestId });
  c.set("requestId", requestId);
  c.set("logger", logger);
  c.set("now", requestTime(c));
  const started = performance.now();
  await next();
  c.header("X-Request-Id", requestId);
  logger.info("request", {
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    status: c.res.status,
    duration_ms: Math.round((performance.now() - started) * 100) / 100,
    ip: clientAddress(c),
    user_agent: c.req.header("user-agent") ?? null,
  });
});
