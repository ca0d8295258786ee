import { useParams } from "@solidjs/router";
import type { JSX } from "solid-js";
import type { Job } from "../../core/contract/jobs";
import type { ApiClient } from "../api/client";
import { fetchJob } from "../api/jobs";
import { usePageTitle } from "../design-system/layout/usePageTitle";
import { JobProgress } from "./JobProgress";

/** The `/jobs/:id` page of either app: the job's id as the heading's note, its live progress. */
export function JobPage(props: {
  api: ApiClient;
  appName: string;
  renderResult?: (job: Job) => JSX.Element;
}) {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Job progress", props.appName);
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
        fetchJob={(id, signal) => fetchJob(props.api, id, signal)}
        renderResult={props.renderResult}
      />
    </div>
  );
}
