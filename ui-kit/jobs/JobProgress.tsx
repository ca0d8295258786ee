import { createMemo, type JSX, Match, Show, Switch } from "solid-js";
import type { Job } from "../../core/contract/jobs";
import type { ApiError } from "../api/envelope";
import { Alert } from "../design-system/components/Alert";
import { Badge } from "../design-system/components/Badge";
import { FactList } from "../design-system/components/FactList";
import { ProgressBar } from "../design-system/components/ProgressBar";
import { SkeletonText } from "../design-system/components/Skeleton";
import { formatDateTime } from "../format";
import { createJobPoller, type FetchJob } from "./create-job-poller";
import { JOB_STATUS_LABEL, JOB_STATUS_TONE } from "./job-status";
import "./job-progress.css";

export interface JobProgressProps {
  jobId: string;
  fetchJob: FetchJob;
  /** Extra content once the job has succeeded, e.g. a link to what it produced. */
  renderResult?: (job: Job) => JSX.Element;
}

/** Live view of one job: progress bar, status, current step and the outcome. */
export function JobProgress(props: JobProgressProps) {
  const poller = createJobPoller(() => props.jobId, props.fetchJob);

  // Announced politely when the status or step changes; percent ticks are not announced.
  const announcement = createMemo(() => {
    const job = poller.job();
    if (!job) return "";
    if (job.status === "failed") return `Job failed: ${job.error?.message ?? "unknown error"}`;
    if (job.status === "succeeded") return "Job succeeded";
    return job.step ? `${JOB_STATUS_LABEL[job.status]}: ${job.step}` : JOB_STATUS_LABEL[job.status];
  });

  return (
    <div class="job-progress">
      <p class="ds-visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show
        when={poller.job()}
        fallback={
          <Show when={poller.error()} fallback={<SkeletonText lines={3} label="Loading job…" />}>
            {(error) => <JobLoadError error={error()} />}
          </Show>
        }
      >
        {(job) => (
          <>
            <FactList
              facts={[
                {
                  label: "Status",
                  value: (
                    <Badge tone={JOB_STATUS_TONE[job().status]}>
                      {JOB_STATUS_LABEL[job().status]}
                    </Badge>
                  ),
                },
                {
                  label: "Current step",
                  value: <strong>{job().step ?? "Waiting to start"}</strong>,
                },
                { label: "Kind", value: job().kind },
                { label: "Started", value: formatDateTime(job().started_at) },
                { label: "Finished", value: formatDateTime(job().finished_at) },
              ]}
            />
            <ProgressBar
              label="Progress"
              value={job().percent}
              tone={
                job().status === "failed"
                  ? "error"
                  : job().status === "succeeded"
                    ? "success"
                    : "primary"
              }
            />
            <Show when={poller.error()}>
              {(error) => (
                <Show
                  when={error().transient}
                  fallback={
                    <Alert tone="error" title="Updates stopped">
                      {error().message}
                    </Alert>
                  }
                >
                  <Alert tone="warning" title="Connection problem">
                    {error().message} Retrying automatically.
                  </Alert>
                </Show>
              )}
            </Show>
            <Switch>
              <Match when={job().status === "failed"}>
                <Alert tone="error" title="Job failed">
                  <p>{job().error?.message ?? "The job stopped without an error message."}</p>
                  <Show when={job().error?.code}>
                    {(code) => (
                      <p class="ds-muted">
                        Error code: <code>{code()}</code>
                      </p>
                    )}
                  </Show>
                </Alert>
              </Match>
              <Match when={job().status === "succeeded"}>
                <Alert tone="success" title="Job finished">
                  <p>Completed {formatDateTime(job().finished_at)}.</p>
                  {props.renderResult?.(job())}
                </Alert>
              </Match>
            </Switch>
          </>
        )}
      </Show>
    </div>
  );
}

function JobLoadError(props: { error: ApiError }) {
  return (
    <Switch
      fallback={
        <Alert tone="error" title="Could not load the job">
          {props.error.message}
        </Alert>
      }
    >
      <Match when={props.error.status === 404}>
        <Alert tone="error" title="Job not found">
          There is no job with this id, or it belongs to another account.
        </Alert>
      </Match>
      <Match when={props.error.status === 401}>
        <Alert tone="warning" title="Sign-in required">
          Sign in to see the progress of this job.
        </Alert>
      </Match>
      <Match when={props.error.transient}>
        <Alert tone="warning" title="Connection problem">
          {props.error.message} Retrying automatically.
        </Alert>
      </Match>
    </Switch>
  );
}
