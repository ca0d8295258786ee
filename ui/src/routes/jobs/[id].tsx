import { useParams } from "@solidjs/router";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { fetchJob } from "~kit/api/jobs";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { JobProgress } from "~kit/jobs/JobProgress";

export default function JobPage() {
  const params = useParams<{ id: string }>();
  usePageTitle(() => "Job progress", APP_NAME);
  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Job progress</h1>
          <p class="ds-muted ds-mono">{params.id}</p>
        </div>
      </header>
      <JobProgress jobId={params.id} fetchJob={(id, signal) => fetchJob(api, id, signal)} />
    </div>
  );
}
