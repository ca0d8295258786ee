import { A } from "@solidjs/router";
import { Badge } from "~kit/design-system/components/Badge";
import { formatDateTime } from "~kit/format";
import type { SecurityAlertView } from "../api/security-intel";
import { DataTable } from "../kit/DataTable";
import {
  ALERT_SEVERITY_NAMES,
  ALERT_SEVERITY_TONE,
  ALERT_STATE_NAMES,
  ALERT_STATE_TONE,
  alertKindName,
} from "./alert-view";

/** Security alerts, most recently raised first, each linking to its page. */
export function SecurityAlertsTable(props: { alerts: SecurityAlertView[] }) {
  return (
    <DataTable
      caption="Security alerts"
      rows={props.alerts}
      columns={[
        {
          header: "Alert",
          rowHeader: true,
          cell: (alert) => (
            <A href={`/security-alerts/${encodeURIComponent(alert.id)}`}>
              {alertKindName(alert.kind)}
            </A>
          ),
        },
        {
          header: "Severity",
          cell: (alert) => (
            <Badge tone={ALERT_SEVERITY_TONE[alert.severity]}>
              {ALERT_SEVERITY_NAMES[alert.severity]}
            </Badge>
          ),
        },
        {
          header: "State",
          cell: (alert) => (
            <Badge tone={ALERT_STATE_TONE[alert.state]}>{ALERT_STATE_NAMES[alert.state]}</Badge>
          ),
        },
        { header: "Account", cell: (alert) => alert.user_email ?? alert.user_id ?? "—" },
        { header: "Times", num: true, cell: (alert) => alert.count },
        { header: "Last raised", cell: (alert) => formatDateTime(alert.last_seen_at) },
      ]}
    />
  );
}
