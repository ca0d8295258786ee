import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatCount, formatDateTime } from "~kit/format";
import type { WorkflowRun } from "../api/workflow-runs";
import { runStatusLabel, runStatusTone } from "./run-status";
import { SubjectLink } from "./SubjectLink";

/**
 * The runs list. Long values (instance ids, subjects) wrap inside their column rather than
 * widen the table, so it fits a 1280 px screen without scrolling sideways.
 */
export function RunsTable(props: { runs: WorkflowRun[] }) {
  return (
    <Table caption="Workflow runs" hideCaption>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Workflow</th>
          <th scope="col">Status</th>
          <th scope="col">Subject</th>
          <th scope="col">Started</th>
          <th scope="col">Updated</th>
          <th scope="col" class="ds-table__num">
            Restarts
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.runs}>
          {(run) => (
            <tr>
              <th scope="row" class="runs-cell--wrap">
                <A href={`/workflows/${encodeURIComponent(run.instance_id)}`} class="ds-mono">
                  {run.instance_id}
                </A>
              </th>
              <td>{run.workflow}</td>
              <td>
                <Badge tone={runStatusTone(run.status)}>{runStatusLabel(run.status)}</Badge>
                <Show when={run.error}>
                  {(error) => <span class="ds-visually-hidden">: {error()}</span>}
                </Show>
              </td>
              <td class="runs-cell--wrap">
                <div class="runs-subject">
                  <SubjectLink run={run} />
                  <span class="ds-mono runs-subject__key">{run.subject}</span>
                </div>
              </td>
              <td class="runs-cell--time">{formatDateTime(run.created_at)}</td>
              <td class="runs-cell--time">{formatDateTime(run.updated_at)}</td>
              <td class="ds-table__num">{formatCount(run.restarts)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
