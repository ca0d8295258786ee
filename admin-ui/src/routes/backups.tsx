import { useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Pagination } from "~kit/design-system/components/Pagination";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { showToast } from "~kit/design-system/components/Toast";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../api/admin-api";
import { listBackups, startBackup } from "../api/backups";
import { can } from "../auth/admin-session";
import { BackupsTable } from "../backups/BackupsTable";
import { ADMIN_APP_NAME } from "../layout/admin-nav";

export default function BackupsPage() {
  usePageTitle(() => "Backups", ADMIN_APP_NAME);
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams<{ page?: string }>();
  const page = () => Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1);
  const [backups, { refetch }] = createResource(page, (current) => listBackups(adminApi, current));
  const [starting, setStarting] = createSignal(false);
  const [startError, setStartError] = createSignal<string | null>(null);

  async function runBackup() {
    setStarting(true);
    setStartError(null);
    try {
      const started = await startBackup(adminApi);
      showToast({ title: "Backup started", tone: "success" });
      navigate(`/jobs/${encodeURIComponent(started.job_id)}`);
    } catch (cause) {
      setStartError(describeError(cause));
      setStarting(false);
    }
  }

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Backups</h1>
          <p class="ds-muted">
            D1 snapshots stored in R2. One runs every hour; start one now before risky changes.
          </p>
        </div>
        <Show when={can("system.config")}>
          <Button icon="database" loading={starting()} onClick={runBackup}>
            Run backup now
          </Button>
        </Show>
      </header>
      <Show when={startError()}>
        {(message) => (
          <Alert tone="error" title="The backup could not be started">
            {message()}
          </Alert>
        )}
      </Show>
      <Card title="Backup history">
        <Show when={backups.error}>
          {(error) => <LoadError what="Backups" error={error()} onRetry={refetch} />}
        </Show>
        <Show
          // a failed resource throws when read, so only the alert above shows then
          when={backups.error ? undefined : backups.latest}
          fallback={
            <Show when={!backups.error}>{<SkeletonText lines={5} label="Loading backups…" />}</Show>
          }
        >
          {(list) => (
            <Show
              when={list().items.length > 0}
              fallback={
                <p class="ds-muted">No backups yet. The first hourly run will appear here.</p>
              }
            >
              <div class="ds-stack">
                <BackupsTable backups={list().items} />
                <Pagination
                  label="Backup history pages"
                  page={list().pagination.page}
                  count={list().pagination.total_pages}
                  onPageChange={(next) => setSearch({ page: String(next) })}
                />
              </div>
            </Show>
          )}
        </Show>
      </Card>
    </div>
  );
}
