import { useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Select, type SelectOption } from "~kit/design-system/components/Select";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../../api/admin-api";
import { listWorkflowRuns, RUN_STATUSES, WORKFLOW_NAMES } from "../../api/workflow-runs";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { FailureRates } from "../../workflows/FailureRates";
import { RunsTable } from "../../workflows/RunsTable";
import { runStatusLabel } from "../../workflows/run-status";
import { dateRangeIssues, type RunSearch, runFiltersOf } from "../../workflows/run-view";
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

type Draft = { q: string; from: string; to: string };

export default function WorkflowRunsPage() {
  usePageTitle(() => "Workflow runs", ADMIN_APP_NAME);
  // filters live in the URL so a filtered view can be shared and survives reloads
  const [search, setSearch] = useSearchParams<RunSearch>();
  const [runs, { refetch }] = createResource(
    () => runFiltersOf(search),
    (current) => listWorkflowRuns(adminApi, current),
  );
  const setFilter = (name: "workflow" | "status", value: string) =>
    setSearch({ [name]: value === ALL ? undefined : value, page: undefined });

  const [draft, setDraft] = createSignal<Draft>({ q: "", from: "", to: "" });
  const [issues, setIssues] = createSignal<{ from?: string; to?: string }>({});
  // the form shows the search in effect, also after back/forward
  createEffect(() => setDraft({ q: search.q ?? "", from: search.from ?? "", to: search.to ?? "" }));

  function apply(event: SubmitEvent) {
    event.preventDefault();
    const { q, from, to } = draft();
    const found = dateRangeIssues(from, to);
    setIssues(found);
    if (found.from || found.to) return;
    setSearch({
      q: q.trim() || undefined,
      from: from.trim() || undefined,
      to: to.trim() || undefined,
      page: undefined,
    });
  }

  function clear() {
    setIssues({});
    setSearch({ q: undefined, from: undefined, to: undefined, page: undefined });
  }

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
          <form class="ds-stack" onSubmit={apply} aria-label="Search runs">
            <div class="runs-search">
              <TextField
                id="runs-q"
                type="search"
                label="Search"
                description="A user's email, an id, or text in the subject or parameters"
                maxLength={200}
                value={draft().q}
                onChange={(q) => setDraft({ ...draft(), q })}
              />
              <TextField
                id="runs-from"
                label="Started from"
                description="YYYY-MM-DD (UTC)"
                placeholder="2026-01-31"
                value={draft().from}
                error={issues().from}
                onChange={(from) => setDraft({ ...draft(), from })}
              />
              <TextField
                id="runs-to"
                label="Started until"
                description="YYYY-MM-DD, the whole day"
                placeholder="2026-01-31"
                value={draft().to}
                error={issues().to}
                onChange={(to) => setDraft({ ...draft(), to })}
              />
            </div>
            <div class="ds-cluster">
              <Button type="submit">Search</Button>
              <Button variant="ghost" onClick={clear}>
                Clear search
              </Button>
            </div>
          </form>
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
      {/* once runs could be read: a role refused the list is told so once, not twice */}
      <Show when={runs.error ? undefined : runs.latest}>
        <FailureRates />
      </Show>
    </div>
  );
}
