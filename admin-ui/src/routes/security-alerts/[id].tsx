import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { adminApi } from "../../api/admin-api";
import { getSecurityAlert, type SecurityAlertView } from "../../api/security-intel";
import { can } from "../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { RecordPage } from "../../moderation/RecordPage";
import { AlertActionDialog } from "../../security-alerts/AlertActionDialog";
import {
  ALERT_SEVERITY_NAMES,
  ALERT_SEVERITY_TONE,
  ALERT_STATE_NAMES,
  ALERT_STATE_TONE,
  alertKindName,
} from "../../security-alerts/alert-view";
import "../../moderation/moderation.css";

const by = (who: string | null, at: string | null, note: string | null) =>
  at ? `${formatDateTime(at)} by ${who ?? "—"}${note ? `: ${note}` : ""}` : "—";

function Overview(props: { alert: SecurityAlertView }) {
  const alert = () => props.alert;
  return (
    <FactList
      facts={[
        { label: "Kind", value: alertKindName(alert().kind) },
        {
          label: "Severity",
          value: (
            <Badge tone={ALERT_SEVERITY_TONE[alert().severity]}>
              {ALERT_SEVERITY_NAMES[alert().severity]}
            </Badge>
          ),
        },
        {
          label: "State",
          value: (
            <Badge tone={ALERT_STATE_TONE[alert().state]}>{ALERT_STATE_NAMES[alert().state]}</Badge>
          ),
        },
        {
          label: "Account",
          value: (
            <Show when={alert().user_id} fallback="—">
              {(userId) => (
                <A href={`/users/${encodeURIComponent(userId())}`}>
                  {alert().user_email ?? userId()}
                </A>
              )}
            </Show>
          ),
        },
        { label: "Raised", value: formatDateTime(alert().created_at) },
        { label: "Last raised", value: formatDateTime(alert().last_seen_at) },
        { label: "Times raised", value: String(alert().count) },
        {
          label: "Acknowledged",
          value: by(alert().acknowledged_by, alert().acknowledged_at, alert().acknowledge_note),
        },
        {
          label: "Resolved",
          value: by(alert().resolved_by, alert().resolved_at, alert().resolve_note),
        },
      ]}
    />
  );
}

export default function SecurityAlertPage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Security alert", ADMIN_APP_NAME);
  const [alert, { refetch, mutate }] = createResource(
    () => params.id,
    (id) => getSecurityAlert(adminApi, id),
  );
  const [acting, setActing] = createSignal<"acknowledge" | "resolve" | null>(null);

  return (
    <RecordPage
      heading="Security alert"
      id={params.id}
      back={{ href: "/security-alerts", label: "Security alerts" }}
      record={alert}
      onRetry={refetch}
      what="The alert"
      notFound="Alert not found"
      loading="Loading alert…"
    >
      {(shown) => (
        <>
          <Card title="Overview">
            <Overview alert={shown()} />
          </Card>
          <Card title="Reasons">
            <ul>
              <For each={shown().reasons}>{(reason) => <li>{reason}</li>}</For>
            </ul>
          </Card>
          <Show when={can("users.write") && shown().state !== "resolved"}>
            <div class="ds-cluster">
              <Show when={shown().state === "open"}>
                <Button variant="secondary" onClick={() => setActing("acknowledge")}>
                  Acknowledge
                </Button>
              </Show>
              <Button onClick={() => setActing("resolve")}>Resolve</Button>
            </div>
          </Show>
          <Show when={acting()} keyed>
            {(action) => (
              <AlertActionDialog
                alert={shown()}
                action={action}
                onClose={() => setActing(null)}
                onDone={(updated) => {
                  setActing(null);
                  mutate(updated);
                }}
              />
            )}
          </Show>
        </>
      )}
    </RecordPage>
  );
}
