import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { ThreatMatch, ThreatVerdict } from "../../core/security/threat-intel";
import { errorFields } from "../../server/logger";
import {
  checkEmailThreat,
  lookupThreat,
  threatBlockedError,
} from "../../server/security/threat-intel";
import type { AppEnv } from "../app-env";
import { deviceIdOf } from "../lib/auth-cookies";
import { errorBody } from "../lib/envelope";
import { clientAddress } from "../lib/request";

/** The network's autonomous system as Cloudflare saw it; null off Cloudflare. */
function asnOf(c: Context<AppEnv>): number | null {
  const asn = (c.req.raw as { cf?: { asn?: unknown } }).cf?.asn;
  return typeof asn === "number" ? asn : null;
}

/**
 * The threat-intelligence check (README "Threat intelligence"), first after the request's id
 * and time: the caller's address, its /24 or /64, its device cookie and its ASN, read from KV in
 * parallel. A `high` entry answers 403 `threat_blocked` before any body is read or D1 is asked;
 * lower entries are logged and kept on the context as risk signals (`threatSignalsOf`). When KV
 * cannot be read the request goes on (logged as an error).
 */
export const threatIntel = createMiddleware<AppEnv>(async (c, next) => {
  const verdict = await lookupThreat(
    c.env,
    { ip: clientAddress(c), deviceId: deviceIdOf(c), asn: asnOf(c) },
    c.get("now"),
  ).catch((error: unknown): ThreatVerdict => {
    // KV unreachable: the list is one layer of several (bans, rate limits, sign-in protection),
    // so the request goes on rather than the whole product answering 500.
    c.get("logger").error("threat intelligence lookup failed", errorFields(error));
    return { action: "pass" };
  });
  if (verdict.action === "block") {
    c.get("logger").warn("threat intelligence blocked the request", {
      key: verdict.match.key,
      source: verdict.match.source,
    });
    const error = threatBlockedError();
    return c.json(errorBody(c.get("requestId"), error.code, error.message), 403);
  }
  const matches = verdict.action === "signal" ? verdict.matches : [];
  if (matches.length > 0)
    c.get("logger").info("threat intelligence signal", {
      keys: matches.map((match) => match.key),
      severities: matches.map((match) => match.severity),
    });
  c.set("threatSignals", matches);
  await next();
});

/**
 * The request's listed-but-not-blocked entries (`low`, `medium`), for the risk score: what a
 * route hands the risk engine along with its other signals. Empty when nothing matched.
 */
export const threatSignalsOf = (c: Context<AppEnv>): readonly ThreatMatch[] =>
  c.get("threatSignals") ?? [];

/**
 * Sign-up and sign-in check the address typed in too (its hash, `email:{sha256}`): 403
 * `threat_blocked` at `high`, a risk signal below.
 */
export async function refuseListedEmail(c: Context<AppEnv>, email: string): Promise<void> {
  const matches = await checkEmailThreat(c.env, email, c.get("now"));
  if (matches.length === 0) return;
  c.get("logger").info("threat intelligence signal", {
    keys: matches.map((match) => match.key),
    severities: matches.map((match) => match.severity),
  });
  c.set("threatSignals", [...threatSignalsOf(c), ...matches]);
}
