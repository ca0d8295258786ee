import { useSearchParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { Alert } from "~ds/components/Alert";
import { Card } from "~ds/components/Card";
import { Pagination } from "~ds/components/Pagination";
import { Select, type SelectOption } from "~ds/components/Select";
import { SkeletonText } from "~ds/components/Skeleton";
import { usePageTitle } from "~ds/layout/usePageTitle";
import { adminApi } from "../../api/admin-api";
import { describeError } from "../../api/errors";
import { listWorkflowRuns, RUN_STATUSES, WORKFLOW_NAMES } from "../../api/workflow-runs";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { RunsTable } from "../../workflows/RunsTable";
import { runStatusLabel } from "../../workflows/run-status";
import "../../workflows/workflows.css";

const ALL = "all";
const WORKFLOW_OPTIONS: SelectOption[] = [
  { value: ALL, label: "All workflows" },
  ...WORKFLOW_NAMES.map((name) => ({ value: name, label: name })),
];
const STATUS_OPTIONS: SelectOption[] = [
  { value: ALL, label: "All statuses" },
  ...RUN_STATUSES.map((status) => ({ value: status, label: runStatusLabel(status) })),
];

type Search = { page?: string; workflow?: string; status?: string };

export default function WorkflowRunsPage() {
  usePageTitle(() => "Workflow runs", ADMIN_APP_NAME);
  // filters live in the URL so a filtered view can be shared and survives reloads
  const [search, setSearch] = useSearchParams<Search>();
  const filters = () => ({
    page: Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1),
    workflow: search.workflow || undefined,
    status: search.status || undefined,
  });
  const [runs] = createResource(filters, (current) => listWorkflowRuns(adminApi, current));
  const setFilter = (name: "workflow" | "status", value: string) =>
    setSearch({ [name]: value === ALL ? undefined : value, page: undefined });

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Workflow runs</h1>
          <p class="ds-muted">Every run of every workflow, newest first.</p>
        </div>
      </header>
      <Card>
        <div class="ds-stack">
          <div class="runs-filters">
            <Select
              label="Workflow"
              options={WORKFLOW_OPTIONS}
              value={search.workflow || ALL}
              onChange={(value) => setFilter("workflow", value)}
            />
            <Select
              label="Status"
              options={STATUS_OPTIONS}
              value={search.status || ALL}
              onChange={(value) => setFilter("status", value)}
            />
          </div>
          <Show when={runs.error}>
            {(error) => (
              <Alert tone="error" title="Runs could not be loaded">
                {describeError(error())}
              </Alert>
            )}
          </Show>
          <Show
            // a failed resource throws when read, so only the alert above shows then
            when={runs.error ? undefined : runs.latest}
            fallback={
              <Show when={!runs.error}>{<SkeletonText lines={5} label="Loading runs…" />}</Show>
            }
          >
            {(list) => (
              <Show
                when={list().items.length > 0}
                fallback={<p class="ds-muted">No runs match these filters.</p>}
              >
                <RunsTable runs={list().items} />
                <Pagination
                  label="Workflow run pages"
                  page={list().pagination.page}
                  count={list().pagination.total_pages}
                  onPageChange={(next) => setSearch({ page: String(next) })}
                />
              </Show>
            )}
          </Show>
        </div>
      </Card>
    </div>
  );
}
