// Threat intelligence (README "Threat intelligence"): what a request is checked against before
// any other work, and what a listed entry means for it. Pure: the Worker reads the entries from
// KV (server/security/threat-intel.ts) and hands them here to decide.
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { normalizeEmail } from "../auth/identity";
import { sha256Hex } from "./crypto";
import { THREAT_SEVERITIES, type ThreatKind, type ThreatSeverity } from "./threat-kinds";

export type { ThreatKind, ThreatSeverity };

/** The value KV holds under an entry's key. */
export const threatEntrySchema = z.object({
  severity: z.enum(THREAT_SEVERITIES),
  source: z.string(),
  reason: z.string(),
  /** Epoch ms; KV's own TTL removes the key soon after, this makes the end exact. */
  expires_at: z.number().int(),
});
export type ThreatEntry = z.output<typeof threatEntrySchema>;

/** IPv4 networks are listed as /24, IPv6 as /64: one extra key per request, no range scan. */
const PREFIX = { ipv4: 24, ipv6: 64 } as const;

/**
 * The canonical spelling of an `ip` entry's value: an address, or a /24 (IPv4) or /64 (IPv6)
 * network. Null for anything else, so the admin API refuses it.
 */
export function canonicalIpValue(input: string): string | null {
  const [address, prefixText, extra] = input.trim().split("/");
  if (extra !== undefined || !address || !ipaddr.isValid(address) || address.includes("%"))
    return null;
  const parsed = ipaddr.process(address);
  if (prefixText === undefined) return parsed.toNormalizedString();
  const prefix = PREFIX[parsed.kind()];
  if (prefixText !== String(prefix)) return null;
  return networkOf(parsed, prefix);
}

function networkOf(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): string {
  const cidr = `${address.toString()}/${prefix}`;
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(cidr)
      : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${network.toNormalizedString()}/${prefix}`;
}

/** The address and its listed network, as entry values; empty for no or a malformed address. */
export function ipValuesOf(address: string | null): string[] {
  if (!address || !ipaddr.isValid(address) || address.includes("%")) return [];
  const parsed = ipaddr.process(address);
  return [parsed.toNormalizedString(), networkOf(parsed, PREFIX[parsed.kind()])];
}

/** An email is listed by the SHA-256 (hex) of its normalised form, never in clear. */
export const emailHash = (email: string): Promise<string> => sha256Hex(normalizeEmail(email));

export const threatKey = (kind: ThreatKind, value: string) => `${kind}:${value}`;

/** What a request presents, as the lookup reads it. */
export interface RequestIdentity {
  ip: string | null;
  /** The device cookie's id (api/lib/auth-cookies.ts `deviceIdOf`). */
  deviceId: string | null;
  asn: number | null;
}

/** The keys to read for a request: at most four (address, its network, device, ASN). */
export function requestKeys(identity: RequestIdentity): string[] {
  const keys = ipValuesOf(identity.ip).map((value) => threatKey("ip", value));
  if (identity.deviceId) keys.push(threatKey("fp", identity.deviceId));
  if (identity.asn !== null && Number.isSafeInteger(identity.asn) && identity.asn > 0)
    keys.push(threatKey("asn", String(identity.asn)));
  return keys;
}

export interface ThreatMatch extends ThreatEntry {
  key: string;
}

export type ThreatVerdict =
  | { action: "block"; match: ThreatMatch }
  /** Listed below `high`: a risk signal for the risk score, the request goes on. */
  | { action: "signal"; matches: ThreatMatch[] }
  | { action: "pass" };

const RANK: Record<ThreatSeverity, number> = { low: 0, medium: 1, high: 2 };

/**
 * Decides on the entries found: expired ones count for nothing, a `high` blocks, anything else
 * is a signal. Unparseable values (written by hand, an older shape) are ignored, never fatal.
 */
export function decideThreat(
  found: ReadonlyArray<{ key: string; value: unknown }>,
  now: number,
): ThreatVerdict {
  const matches: ThreatMatch[] = [];
  for (const { key, value } of found) {
    const parsed = threatEntrySchema.safeParse(value);
    if (parsed.success && parsed.data.expires_at > now) matches.push({ key, ...parsed.data });
  }
  if (matches.length === 0) return { action: "pass" };
  matches.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  const [worst] = matches;
  if (worst && worst.severity === "high") return { action: "block", match: worst };
  return { action: "signal", matches };
}

/** KV refuses a TTL under 60 s; the entry's own `expires_at` is what the lookup honours. */
export const kvTtlSeconds = (expiresAt: number, now: number) =>
  Math.max(60, Math.ceil((expiresAt - now) / 1000));
