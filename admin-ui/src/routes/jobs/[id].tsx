import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { Job } from "~core/contract/jobs";
import { JobPage } from "~kit/jobs/JobPage";
import { adminApi } from "../../api/admin-api";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";

export default function AdminJobPage() {
  return (
    <JobPage
      api={adminApi}
      appName={ADMIN_APP_NAME}
      renderResult={(job) => <JobResult job={job} />}
    />
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
