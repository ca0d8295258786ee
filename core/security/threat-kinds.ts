/**
 * What a threat-intelligence entry lists and how bad it is (README "Threat intelligence"): the
 * names both apps and the Worker share, apart from the lookup itself (threat-intel.ts).
 */
export const THREAT_KINDS = ["ip", "email", "fp", "asn"] as const;
export type ThreatKind = (typeof THREAT_KINDS)[number];

export const THREAT_SEVERITIES = ["low", "medium", "high"] as const;
export type ThreatSeverity = (typeof THREAT_SEVERITIES)[number];
