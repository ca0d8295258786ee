import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { type DataExportView, fetchLatestDataExport, requestDataExport } from "~/api/data-export";
import { api } from "~/auth/session";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { ProgressBar } from "~kit/design-system/components/ProgressBar";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { formatBytes, formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { createPoll } from "~kit/poll/create-poll";

/** Seconds between progress reads while the export is being built. */
const POLL_MS = 1_500;

const building = (view: DataExportView | null | undefined) =>
  view?.state === "queued" || view?.state === "running";

/**
 * "Your data" (README "Your data"): export everything the account holds as a zip, follow
 * the workflow's progress, and download it while its 7-day link lasts (also emailed).
 */
export function YourData() {
  const [loaded, { mutate, refetch }] = createResource(() => fetchLatestDataExport(api));
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  createPoll({
    while: () => building(loaded.latest),
    startAfter: POLL_MS,
    round: async (signal) => {
      const latest = await fetchLatestDataExport(api, signal);
      if (!signal.aborted) mutate(latest);
      return building(latest) ? POLL_MS : null;
    },
  });

  async function start() {
    setBusy(true);
    setProblem(null);
    try {
      mutate(await requestDataExport(api, crypto.randomUUID()));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Your data">
      <p class="ds-muted">
        A zip of everything your account holds: profile, resumes with every version, shares,
        exports, photos, invoices, sign-in history and support tickets. We email you a link too; it
        works for 7 days.
      </p>
      <Switch>
        <Match when={loaded.error}>
          <LoadError what="Your data export" error={loaded.error} onRetry={refetch} />
        </Match>
        <Match when={loaded.state === "ready" || loaded.latest !== undefined}>
          <Show when={loaded.latest}>
            {(current) => (
              <Switch>
                <Match when={building(current())}>
                  <ProgressBar label="Preparing your data" value={current().progress} />
                </Match>
                <Match when={current().state === "ready" && current().download_url}>
                  {(url) => (
                    <p data-testid="data-export-ready">
                      Ready{current().size !== null ? ` (${formatBytes(current().size ?? 0)})` : ""}
                      . The link works until {formatDateTime(current().expires_at)}.{" "}
                      <a class={buttonClass("primary")} href={url()} download="">
                        Download your data
                      </a>
                    </p>
                  )}
                </Match>
                <Match when={current().state === "failed"}>
                  <Alert tone="error" title="The export failed">
                    {current().error ?? "Please try again."}
                  </Alert>
                </Match>
                <Match when={current().state === "expired"}>
                  <p class="ds-muted">Your last export expired. Export your data again.</p>
                </Match>
              </Switch>
            )}
          </Show>
          <Show when={problem()}>
            {(message) => (
              <Alert tone="error" title="Could not start the export">
                {message()}
              </Alert>
            )}
          </Show>
          <Show when={!building(loaded.latest)}>
            <div>
              <Button onClick={start} loading={busy()}>
                Export my data
              </Button>
            </div>
          </Show>
        </Match>
        <Match when={true}>
          <SkeletonText lines={2} label="Loading your data export…" />
        </Match>
      </Switch>
    </Card>
  );
}
