// The HTTP side of the request limits (server/ops/rate-limits.ts, README "Security"): a route
// names its limit and this counts the request, keyed by the caller's address unless the route
// gives a key (an account id, an email). Over the limit, the error handler answers the 429
// `rate_limited` envelope with `Retry-After`, the same for every route.
import type { Context } from "hono";
import {
  consumeLimit,
  enforceLimit,
  type RateLimitResult,
  type RequestLimitName,
} from "../../server/ops/rate-limits";
import type { AppEnv } from "../app-env";
import { clientKey } from "./request";

/** Counts this request against the named limit; throws its 429 when the limit is spent. */
export const limitRequest = (
  c: Context<AppEnv>,
  name: RequestLimitName,
  key: string = clientKey(c),
): Promise<void> => enforceLimit(c.env, name, key, c.get("now"));

/** Counts this request against the named limit and says whether it may proceed, for routes
 * whose refusal is not a 429 (a redirect, a silent skip). */
export const countRequest = (
  c: Context<AppEnv>,
  name: RequestLimitName,
  key: string = clientKey(c),
): Promise<RateLimitResult> => consumeLimit(c.env, name, key, c.get("now"));
