import { A, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { fetchJob, type Job } from "~kit/api/jobs";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { JobProgress } from "~kit/jobs/JobProgress";
import { adminApi } from "../../api/admin-api";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";

export default function AdminJobPage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Job progress", ADMIN_APP_NAME);
  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Job progress</h1>
          <p class="ds-muted ds-mono">{params.id}</p>
        </div>
      </header>
      <JobProgress
        jobId={params.id}
        fetchJob={(id, signal) => fetchJob(adminApi, id, signal)}
        renderResult={(job) => <JobResult job={job} />}
      />
    </div>
  );
}

/** Operators see the raw result; backup jobs also link back to the backup list. */
function JobResult(props: { job: Job }) {
  return (
    <>
      <Show when={props.job.kind.includes("backup")}>
        <p>
          <A href="/backups">Back to backups</A>
        </p>
      </Show>
      <Show when={props.job.result !== null && props.job.result !== undefined}>
        <details>
          <summary>Result details</summary>
          <pre>{JSON.stringify(props.job.result, null, 2)}</pre>
        </details>
      </Show>
    </>
  );
}
