import { createResource, For, Show } from "solid-js";
import { type BindingStatus, fetchHealth, type HealthReport } from "~/api/health";
import { Badge, type BadgeTone } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { createPoll } from "~kit/poll/create-poll";
import { adminApi } from "../api/admin-api";
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
  createPoll({
    startAfter: REFRESH_MS,
    round: async () => {
      // a failed check shows in the panel; the next round tries again
      if (document.visibilityState === "visible") await Promise.resolve(refetch()).catch(() => {});
      return REFRESH_MS;
    },
  });

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
        {(error) => <LoadError what="System health" title="Health check failed" error={error()} />}
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
