import { A, useParams } from "@solidjs/router";
import { createMemo, createResource, Show } from "solid-js";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatCount, formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { createPoll } from "~kit/poll/create-poll";
import { adminApi } from "../../api/admin-api";
import { getWorkflowRun, LIVE_STATUSES } from "../../api/workflow-runs";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { RunActions } from "../../workflows/RunActions";
import { RunSteps } from "../../workflows/RunSteps";
import { runStatusLabel, runStatusTone } from "../../workflows/run-status";
import { StepHistory } from "../../workflows/StepHistory";
import { SubjectLink } from "../../workflows/SubjectLink";
import "../../workflows/workflows.css";

/** A running run is re-read this often so its status and steps stay current. */
const LIVE_REFRESH_MS = 2000;

export default function WorkflowRunPage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Workflow run", ADMIN_APP_NAME);
  const [run, { refetch }] = createResource(
    () => params.id,
    (id) => getWorkflowRun(adminApi, id),
  );

  const live = createMemo(() => {
    const status = run.error ? undefined : run.latest?.status;
    return status !== undefined && LIVE_STATUSES.includes(status);
  });
  createPoll({
    while: live,
    startAfter: LIVE_REFRESH_MS,
    round: async () => {
      // a failed read shows on the page and ends `live`, which stops the polling
      await Promise.resolve(refetch()).catch(() => {});
      return LIVE_REFRESH_MS;
    },
  });

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Workflow run</h1>
          <p class="ds-muted ds-mono">{params.id}</p>
        </div>
        <A href="/workflows">All runs</A>
      </header>
      <Show when={run.error}>
        {(error) => (
          <LoadError
            what="The run"
            title={
              error() instanceof ApiError && error().status === 404 ? "Run not found" : undefined
            }
            error={error()}
            onRetry={refetch}
          />
        )}
      </Show>
      <Show
        when={run.error ? undefined : run.latest}
        fallback={<Show when={!run.error}>{<SkeletonText lines={5} label="Loading run…" />}</Show>}
      >
        {(current) => (
          <>
            <Card title="Overview">
              <div class="ds-stack">
                <FactList
                  facts={[
                    { label: "Workflow", value: current().workflow },
                    {
                      label: "Status",
                      value: (
                        <Badge tone={runStatusTone(current().status)}>
                          {runStatusLabel(current().status)}
                        </Badge>
                      ),
                    },
                    { label: "Subject", value: <SubjectLink run={current()} /> },
                    {
                      label: "Subject key",
                      value: <span class="ds-mono">{current().subject}</span>,
                    },
                    { label: "Started by", value: current().created_by },
                    { label: "Started", value: formatDateTime(current().created_at) },
                    { label: "Updated", value: formatDateTime(current().updated_at) },
                    { label: "Restarts", value: formatCount(current().restarts) },
                    {
                      label: "Job",
                      value: (
                        <Show when={current().job_id} fallback="—">
                          {(jobId) => (
                            <A href={`/jobs/${encodeURIComponent(jobId())}`} class="ds-mono">
                              {jobId()}
                            </A>
                          )}
                        </Show>
                      ),
                    },
                  ]}
                />
                <Show when={current().error}>
                  {(message) => (
                    <Alert tone="error" title="The run reported an error">
                      {message()}
                    </Alert>
                  )}
                </Show>
                <RunActions run={current()} onChanged={() => void refetch()} />
              </div>
            </Card>
            <Card title="Step history">
              <Show
                when={current().step_history.length > 0}
                fallback={<p class="ds-muted">No steps recorded for this run yet.</p>}
              >
                <StepHistory steps={current().step_history} />
              </Show>
            </Card>
            <Show when={current().steps.length > 0}>
              <Card title="Job progress">
                <RunSteps steps={current().steps} />
              </Card>
            </Show>
            <Card title="Input and output">
              <details>
                <summary>Parameters</summary>
                <pre>{JSON.stringify(current().params, null, 2)}</pre>
              </details>
              <details>
                <summary>Output</summary>
                <pre>{JSON.stringify(current().output, null, 2) ?? "null"}</pre>
              </details>
            </Card>
          </>
        )}
      </Show>
    </div>
  );
}
