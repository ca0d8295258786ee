import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatCount, formatDateTime } from "~kit/format";
import type { WorkflowStepRecord } from "../api/workflow-runs";
import { formatDuration, STEP_KIND_LABEL, STEP_STATUS_LABEL, STEP_STATUS_TONE } from "./run-view";

/**
 * The run's mirrored step history (README "Workflow runs"): every attempt of every step,
 * sleep and event wait, oldest first, with how long it took and why it failed.
 */
export function StepHistory(props: { steps: WorkflowStepRecord[] }) {
  return (
    <Table caption="Step history" hideCaption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Kind</th>
          <th scope="col" class="ds-table__num">
            Attempt
          </th>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col" class="ds-table__num">
            Duration
          </th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.steps}>
          {(step) => (
            <tr>
              <td class="runs-cell--wrap">{step.step}</td>
              <td>{STEP_KIND_LABEL[step.kind]}</td>
              <td class="ds-table__num">{formatCount(step.attempt)}</td>
              <td>
                <Badge tone={STEP_STATUS_TONE[step.status]}>{STEP_STATUS_LABEL[step.status]}</Badge>
              </td>
              <td class="runs-cell--time">{formatDateTime(step.started_at)}</td>
              <td class="ds-table__num">{formatDuration(step.duration_ms)}</td>
              <td class="run-step-error">
                <Show when={step.error} fallback="—">
                  {(error) => error()}
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
