import { createResource, createSignal, onCleanup, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { ProgressBar } from "~kit/design-system/components/ProgressBar";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { getBackfill, startBackfill } from "../api/analytics";
import { can } from "../auth/admin-session";
import { newIdempotencyKey } from "../standing/standing-view";

/** While a backfill runs its status is read again this often. */
const POLL_MS = 3_000;

const isLive = (status: string | undefined) => status === "queued" || status === "running";

/**
 * The analytics backfill in the Reports header (README "Analytics", backfill): the latest run's
 * status and progress for `system.metrics`, and the button that starts one for
 * `system.config`. One key per click that succeeded: a retried failed click replays it.
 */
export function BackfillPanel() {
  const [status, { refetch }] = createResource(() => getBackfill(adminApi));
  const [key, setKey] = createSignal(newIdempotencyKey());
  const [starting, setStarting] = createSignal(false);
  const [startError, setStartError] = createSignal<string | null>(null);
  const timer = setInterval(() => {
    if (isLive(status.latest?.job?.status)) void refetch();
  }, POLL_MS);
  onCleanup(() => clearInterval(timer));

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      await startBackfill(adminApi, key());
      setKey(newIdempotencyKey());
      await refetch();
    } catch (cause) {
      setStartError(describeError(cause));
    } finally {
      setStarting(false);
    }
  }

  const job = () => status.latest?.job ?? null;

  return (
    <div class="report-backfill ds-stack" aria-live="polite">
      <Show when={can("system.config")}>
        <Button
          variant="outline"
          icon="database"
          loading={starting()}
          disabled={isLive(job()?.status)}
          onClick={start}
        >
          Backfill history
        </Button>
      </Show>
      <Show when={job()}>
        {(current) => (
          <Show
            when={isLive(current().status)}
            fallback={
              <p class="ds-muted">
                Last backfill {current().status}
                {current().finished_at
                  ? ` on ${new Date(current().finished_at as string).toLocaleString()}`
                  : ""}
                {current().error ? `: ${current().error?.message}` : ""}
              </p>
            }
          >
            <ProgressBar
              label={`Backfill: ${current().step ?? current().status}`}
              value={current().percent}
              indeterminate={current().status === "queued"}
            />
          </Show>
        )}
      </Show>
      <Show when={startError()}>
        {(message) => (
          <Alert tone="error" title="The backfill could not be started">
            {message()}
          </Alert>
        )}
      </Show>
    </div>
  );
}
