import { A, useSearchParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api } from "~/auth/session";
import { listExports } from "~/exports/api";
import { ExportsTable } from "~/exports/ExportsTable";
import { APP_NAME } from "~/layout/UserLayout";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Pagination } from "~kit/design-system/components/Pagination";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { LoadError } from "~kit/forms/LoadError";

export default function ExportsPage() {
  usePageTitle(() => "Exports", APP_NAME);
  return <RequireSignIn>{() => <Exports />}</RequireSignIn>;
}

function Exports() {
  const [search, setSearch] = useSearchParams<{ page?: string }>();
  const page = () => Math.max(1, Number(search.page) || 1);
  const [list, { refetch }] = createResource(page, (current) => listExports(api, current));

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Exports</h1>
          <p class="ds-muted">
            Every file you exported, newest first. Export a resume from its editor.
          </p>
        </div>
        <Button variant="outline" icon="refresh" onClick={() => void refetch()}>
          Refresh
        </Button>
      </header>
      <Show
        when={!list.error}
        fallback={<LoadError what="Your exports" error={list.error} onRetry={refetch} />}
      >
        <Show when={list()} fallback={<SkeletonText lines={4} label="Loading exports…" />}>
          {(loaded) => (
            <Show
              when={loaded().items.length}
              fallback={
                <Alert tone="info">
                  Nothing exported yet. Open a resume from your <A href="/dashboard">dashboard</A>{" "}
                  and choose Export.
                </Alert>
              }
            >
              <ExportsTable exports={loaded().items} />
              <Pagination
                label="Export pages"
                page={loaded().pagination.page}
                count={loaded().pagination.total_pages}
                onPageChange={(next) => setSearch({ page: String(next) })}
              />
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}
