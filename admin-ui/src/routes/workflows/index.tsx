import { useSearchParams } from "@solidjs/router";
import { createResource } from "solid-js";
import { Card } from "~kit/design-system/components/Card";
import { Select, type SelectOption } from "~kit/design-system/components/Select";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../../api/admin-api";
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
  const [runs, { refetch }] = createResource(filters, (current) =>
    listWorkflowRuns(adminApi, current),
  );
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
          <PagedList
            list={runs}
            onRetry={refetch}
            noun="Runs"
            empty="No runs match these filters."
            pagerLabel="Workflow run pages"
            onPage={(next) => setSearch({ page: String(next) })}
          >
            {(items) => <RunsTable runs={items} />}
          </PagedList>
        </div>
      </Card>
    </div>
  );
}
