import { threatEntryRequestSchema } from "~core/contract/security-intel";
import type { ThreatKind, ThreatSeverity } from "~core/security/threat-kinds";
import type { ThreatEntryRequest } from "../api/security-intel";

/** README "Threat intelligence": what each kind of entry lists, in words. */
export const THREAT_KIND_NAMES: Record<ThreatKind, string> = {
  ip: "Address or network",
  email: "Email (hashed)",
  fp: "Device",
  asn: "Network operator (ASN)",
};

export const THREAT_SEVERITY_NAMES: Record<ThreatSeverity, string> = {
  low: "Low: a risk signal",
  medium: "Medium: a risk signal",
  high: "High: refused (403)",
};

export const THREAT_VALUE_HINTS: Record<ThreatKind, string> = {
  ip: "An address, or a /24 (IPv4) or /64 (IPv6) network: 203.0.113.0/24.",
  email: "The address; only its SHA-256 is stored.",
  fp: "The device id from an account's sessions.",
  asn: "The number, with or without AS: 64500.",
};

export type ThreatField = "kind" | "value" | "severity" | "reason" | "days";

export interface ThreatDraft {
  kind: string;
  value: string;
  severity: string;
  reason: string;
  days: string;
}

/** The request the draft makes, or what to say on each field that is wrong. */
export function checkThreatDraft(
  draft: ThreatDraft,
):
  | { ok: true; request: ThreatEntryRequest }
  | { ok: false; issues: Partial<Record<ThreatField, string>> } {
  const parsed = threatEntryRequestSchema.safeParse({
    ...draft,
    days: draft.days.trim() === "" ? undefined : Number(draft.days),
  });
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues: Partial<Record<ThreatField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === "kind") issues.kind ??= "Choose what to list.";
    if (field === "value") issues.value ??= "Enter the value to list.";
    if (field === "severity") issues.severity ??= "Choose a severity.";
    if (field === "reason") issues.reason ??= "Say why, in at most 500 characters.";
    if (field === "days") issues.days ??= "Enter a whole number of days from 1 to 365.";
  }
  return { ok: false, issues };
}
