import type { BadgeTone } from "~kit/design-system/components/Badge";
import type { AlertSeverity, AlertState } from "../api/security-intel";

/** README "Security alerts": states and severities in words and colours. */
export const ALERT_STATE_NAMES: Record<AlertState, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
};

export const ALERT_SEVERITY_NAMES: Record<AlertSeverity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

export const ALERT_SEVERITY_TONE: Record<AlertSeverity, BadgeTone> = {
  low: "neutral",
  medium: "info",
  high: "warning",
  critical: "error",
};

export const ALERT_STATE_TONE: Record<AlertState, BadgeTone> = {
  open: "error",
  acknowledged: "warning",
  resolved: "success",
};

/** `token_theft` → "Token theft". */
export const alertKindName = (kind: string) => {
  const words = kind.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};
