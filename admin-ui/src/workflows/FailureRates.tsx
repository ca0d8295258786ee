import { createResource, createSignal, For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { Select, type SelectOption } from "~kit/design-system/components/Select";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { Table } from "~kit/design-system/components/Table";
import { formatCount } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../api/admin-api";
import { getWorkflowStats } from "../api/workflow-runs";
import { formatRate, rateTone, sinceDay } from "./run-view";

const WINDOWS: SelectOption[] = [
  { value: "1", label: "Last 24 hours" },
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "365", label: "Last year" },
];

/** A column of counts: right-aligned, like its cells. */
const CountHeading = (props: { children: string }) => (
  <th scope="col" class="ds-table__num">
    {props.children}
  </th>
);

const CountCell = (props: { value: number }) => (
  <td class="ds-table__num">{formatCount(props.value)}</td>
);

/** A failure rate, coloured by how bad it is. */
const RateCell = (props: { rate: number }) => (
  <td>
    <Badge tone={rateTone(props.rate)}>{formatRate(props.rate)}</Badge>
  </td>
);

/** Failure rates per workflow and per step, over a window the operator picks. */
export function FailureRates() {
  const [days, setDays] = createSignal("7");
  const [stats, { refetch }] = createResource(days, (window) =>
    getWorkflowStats(adminApi, sinceDay(new Date(), Number(window))),
  );
  return (
    <Card title="Failure rates">
      <div class="ds-stack">
        <div class="runs-filters">
          <Select label="Window" options={WINDOWS} value={days()} onChange={setDays} />
        </div>
        <Show when={stats.error}>
          {(error) => <LoadError what="Failure rates" error={error()} onRetry={refetch} />}
        </Show>
        <Show
          when={stats.error ? undefined : stats.latest}
          fallback={<Show when={!stats.error}>{<SkeletonText lines={3} label="Loading…" />}</Show>}
        >
          {(current) => (
            <Show
              when={current().workflows.length > 0}
              fallback={<p class="ds-muted">No runs in this window.</p>}
            >
              <Table caption="Failure rate per workflow">
                <thead>
                  <tr>
                    <th scope="col">Workflow</th>
                    <CountHeading>Runs</CountHeading>
                    <CountHeading>Failed runs</CountHeading>
                    <th scope="col">Run failure rate</th>
                    <CountHeading>Attempts</CountHeading>
                    <CountHeading>Failed attempts</CountHeading>
                    <th scope="col">Attempt failure rate</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={current().workflows}>
                    {(row) => (
                      <tr>
                        <th scope="row">{row.workflow}</th>
                        <CountCell value={row.runs} />
                        <CountCell value={row.failed_runs} />
                        <RateCell rate={row.run_failure_rate} />
                        <CountCell value={row.attempts} />
                        <CountCell value={row.failed_attempts} />
                        <RateCell rate={row.attempt_failure_rate} />
                      </tr>
                    )}
                  </For>
                </tbody>
              </Table>
              <Table caption="Failure rate per step (most failures first)">
                <thead>
                  <tr>
                    <th scope="col">Workflow</th>
                    <th scope="col">Step</th>
                    <CountHeading>Runs</CountHeading>
                    <CountHeading>Attempts</CountHeading>
                    <CountHeading>Failures</CountHeading>
                    <th scope="col">Failure rate</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={current().steps}>
                    {(row) => (
                      <tr>
                        <td>{row.workflow}</td>
                        <th scope="row" class="runs-cell--wrap">
                          {row.step}
                        </th>
                        <CountCell value={row.runs} />
                        <CountCell value={row.attempts} />
                        <CountCell value={row.failures} />
                        <RateCell rate={row.failure_rate} />
                      </tr>
                    )}
                  </For>
                </tbody>
              </Table>
            </Show>
          )}
        </Show>
      </div>
    </Card>
  );
}
