import { z } from "zod";
import { ALERT_SEVERITIES, ALERT_STATES } from "../security/alerts";
import { THREAT_KINDS, THREAT_SEVERITIES } from "../security/threat-kinds";

/**
 * Wire shapes of threat intelligence and security alerts (README "Threat intelligence",
 * "Security alerts"): `/api/admin/threats` and `/api/admin/security-alerts`.
 */

const iso = z.string().datetime();

export const threatEntryViewSchema = z
  .object({
    key: z.string(),
    kind: z.enum(THREAT_KINDS),
    /** An address or /24, /64 network; an email's SHA-256 (hex); a device id; an ASN. */
    value: z.string(),
    severity: z.enum(THREAT_SEVERITIES),
    source: z.string(),
    reason: z.string(),
    expires_at: iso,
    created_by: z.string(),
    created_at: iso,
    updated_at: iso,
    active: z.boolean(),
  })
  .meta({ id: "ThreatEntry" });
export type ThreatEntryView = z.output<typeof threatEntryViewSchema>;

export const threatEntryRequestSchema = z
  .object({
    kind: z.enum(THREAT_KINDS),
    /**
     * `ip`: an address, or a /24 (IPv4) or /64 (IPv6) network. `email`: the address (hashed
     * before it is stored) or its SHA-256 in hex. `fp`: a device id. `asn`: the number.
     */
    value: z.string().trim().min(1).max(254),
    severity: z.enum(THREAT_SEVERITIES),
    reason: z.string().trim().min(1).max(500),
    /** 1–365 days. */
    days: z.number().int().min(1).max(365),
  })
  .strict()
  .meta({ id: "ThreatEntryRequest" });
export type ThreatEntryRequest = z.input<typeof threatEntryRequestSchema>;

export const threatListQuerySchema = z.object({
  /** A key's value, or its start (an email address is hashed first and matched whole). */
  q: z.string().trim().max(254).optional(),
  kind: z.enum(THREAT_KINDS).optional(),
  severity: z.enum(THREAT_SEVERITIES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

export const securityAlertViewSchema = z
  .object({
    id: z.string(),
    user_id: z.string().nullable(),
    /** The account's address, when the alert is about one that still exists. */
    user_email: z.string().nullable(),
    kind: z.string(),
    severity: z.enum(ALERT_SEVERITIES),
    reasons: z.array(z.string()),
    state: z.enum(ALERT_STATES),
    /** How many times it was raised while unresolved. */
    count: z.number().int(),
    created_at: iso,
    last_seen_at: iso,
    acknowledged_by: z.string().nullable(),
    acknowledged_at: iso.nullable(),
    acknowledge_note: z.string().nullable(),
    resolved_by: z.string().nullable(),
    resolved_at: iso.nullable(),
    resolve_note: z.string().nullable(),
  })
  .meta({ id: "SecurityAlert" });
export type SecurityAlertView = z.output<typeof securityAlertViewSchema>;

export const securityAlertListQuerySchema = z.object({
  state: z.enum(ALERT_STATES).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  user_id: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

export const securityAlertActionSchema = z
  .object({ note: z.string().trim().max(1000).default("") })
  .strict()
  .meta({ id: "SecurityAlertAction" });
export type SecurityAlertAction = z.input<typeof securityAlertActionSchema>;
