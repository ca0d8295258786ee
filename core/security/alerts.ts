// Security alerts (README "Security alerts"): what admins are told about an account under attack
// or compromised, and the states an alert moves through.

export const ALERT_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATES = ["open", "acknowledged", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** An alert's reasons are kept to this many, the newest: a repeat adds its own. */
export const MAX_ALERT_REASONS = 20;

/** The reasons after a repeat: the old ones, then the new ones not yet listed, newest kept. */
export function mergeReasons(existing: readonly string[], added: readonly string[]): string[] {
  const merged = [...existing];
  for (const reason of added) if (!merged.includes(reason)) merged.push(reason);
  return merged.slice(-MAX_ALERT_REASONS);
}

/** Who may move an alert where: acknowledging an open one, resolving any unresolved one. */
export function nextAlertState(
  current: AlertState,
  action: "acknowledge" | "resolve",
): AlertState | null {
  if (current === "resolved") return null;
  if (action === "acknowledge") return current === "open" ? "acknowledged" : null;
  return "resolved";
}
