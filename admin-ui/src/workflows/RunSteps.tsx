import { For } from "solid-js";
import type { JobStatus } from "~core/contract/jobs";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import { JOB_STATUS_LABEL, JOB_STATUS_TONE } from "~kit/jobs/job-status";
import type { RunStep } from "../api/workflow-runs";

const isJobStatus = (status: string): status is JobStatus => status in JOB_STATUS_LABEL;

/** The run's job progress: every status and step change its job recorded, oldest first. */
export function RunSteps(props: { steps: RunStep[] }) {
  return (
    <Table caption="Job progress" hideCaption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Status</th>
          <th scope="col">Step</th>
          <th scope="col" class="ds-table__num">
            Progress
          </th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.steps}>
          {(step) => (
            <tr>
              <th scope="row">{formatDateTime(step.at)}</th>
              <td>
                <Badge tone={isJobStatus(step.status) ? JOB_STATUS_TONE[step.status] : "neutral"}>
                  {isJobStatus(step.status) ? JOB_STATUS_LABEL[step.status] : step.status}
                </Badge>
              </td>
              <td>{step.step ?? "—"}</td>
              <td class="ds-table__num">{step.percent}%</td>
              <td class="run-step-message">{step.message ?? ""}</td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
