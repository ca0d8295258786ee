import { type EmailContent, utcMinute } from "../layout";

export interface SecurityAlertRaisedData {
  alertId: string;
  /** e.g. `token_theft`. */
  kind: string;
  severity: string;
  /** The account's address and id, or null for an alert about no account. */
  account: string | null;
  reasons: string[];
  /** Absolute URL of the alert in the admin app's Security alerts page. */
  adminUrl: string;
  environment: string;
  /** ISO timestamp of when it was raised. */
  raisedAt: string;
}

/**
 * Operator alert (README "Security alerts"): an account looks attacked or compromised. Sent once
 * per alert; repeats while it is unresolved only raise its count on the page.
 */
export function securityAlertRaised(data: SecurityAlertRaisedData): EmailContent {
  return {
    subject: `[${data.environment}] Security alert (${data.severity}): ${data.kind}`,
    preheader: data.reasons[0] ?? data.kind,
    heading: "A security alert was raised",
    paragraphs: [
      `A ${data.severity} security alert of kind ${data.kind} was raised${data.account ? ` for ${data.account}` : ""}.`,
      "Acknowledge it on the Security alerts page when you start looking, and resolve it with a note when done. Repeats while it is open are counted there, not emailed again.",
    ],
    facts: [
      { label: "Environment", value: data.environment },
      { label: "Alert", value: data.alertId },
      { label: "Kind", value: data.kind },
      { label: "Severity", value: data.severity },
      { label: "Account", value: data.account ?? "none" },
      { label: "Reasons", value: data.reasons.join("; ") || "none recorded" },
      { label: "Raised at", value: utcMinute(data.raisedAt) },
    ],
    action: { label: "Open the alert", url: data.adminUrl },
    footer: `You receive this alert because this address is the operator alert address (OPS_ALERT_EMAIL) of the ${data.environment} environment.`,
  };
}
