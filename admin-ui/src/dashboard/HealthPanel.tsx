import { createResource, For, onCleanup, Show } from "solid-js";
import { Alert } from "~ds/components/Alert";
import { Badge, type BadgeTone } from "~ds/components/Badge";
import { Button } from "~ds/components/Button";
import { Card } from "~ds/components/Card";
import { FactList } from "~ds/components/FactList";
import { SkeletonText } from "~ds/components/Skeleton";
import { Table } from "~ds/components/Table";
import { type BindingStatus, fetchHealth, type HealthReport } from "~shared/api/health";
import { formatDateTime } from "~shared/format";
import { adminApi } from "../api/admin-api";
import { describeError } from "../api/errors";
import "./health-panel.css";

/** Health is cheap to check; refreshing keeps an open dashboard honest. */
const REFRESH_MS = 30_000;

const BINDING_TONE: Record<BindingStatus, BadgeTone> = {
  ok: "success",
  error: "error",
  not_configured: "neutral",
};

const BINDING_LABEL: Record<BindingStatus, string> = {
  ok: "OK",
  error: "Error",
  not_configured: "Not configured",
};

interface HealthSnapshot {
  report: HealthReport;
  checkedAt: string;
}

async function loadHealth(): Promise<HealthSnapshot> {
  const report = await fetchHealth(adminApi);
  return { report, checkedAt: new Date().toISOString() };
}

export function HealthPanel() {
  const [health, { refetch }] = createResource(loadHealth);
  const timer = setInterval(() => {
    if (document.visibilityState === "visible") void refetch();
  }, REFRESH_MS);
  onCleanup(() => clearInterval(timer));

  const bindings = () =>
    Object.entries((health.error ? undefined : health.latest)?.report.bindings ?? {}).sort(
      ([a], [b]) => a.localeCompare(b),
    );

  return (
    <Card
      title="System health"
      actions={
        <Button
          variant="outline"
          size="sm"
          icon="refresh"
          loading={health.loading}
          onClick={() => void refetch()}
        >
          Refresh
        </Button>
      }
    >
      <Show when={health.error}>
        {(error) => (
          <Alert tone="error" title="Health check failed">
            {describeError(error())}
          </Alert>
        )}
      </Show>
      <Show
        when={health.error ? undefined : health.latest}
        fallback={
          <Show when={!health.error}>{<SkeletonText lines={4} label="Checking health…" />}</Show>
        }
      >
        {(snapshot) => (
          <div class="ds-stack">
            <FactList
              facts={[
                {
                  label: "Status",
                  value: (
                    <Badge tone={snapshot().report.status === "ok" ? "success" : "warning"}>
                      {snapshot().report.status === "ok" ? "Operational" : "Degraded"}
                    </Badge>
                  ),
                },
                { label: "Environment", value: snapshot().report.environment },
                {
                  label: "Version",
                  value: <span class="ds-mono">{snapshot().report.version}</span>,
                },
                { label: "Checked", value: formatDateTime(snapshot().checkedAt) },
              ]}
            />
            <Table caption="Bindings">
              <thead>
                <tr>
                  <th scope="col">Binding</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="ds-table__num">
                    Latency
                  </th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                <For each={bindings()}>
                  {([name, binding]) => (
                    <tr>
                      <th scope="row" class="ds-mono">
                        {name}
                      </th>
                      <td>
                        <Badge tone={BINDING_TONE[binding.status]}>
                          {BINDING_LABEL[binding.status]}
                        </Badge>
                      </td>
                      <td class="ds-table__num">
                        {binding.latency_ms === undefined ? "—" : `${binding.latency_ms} ms`}
                      </td>
                      <td class="health-detail">{binding.detail ?? ""}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </Table>
          </div>
        )}
      </Show>
    </Card>
  );
}
