import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { Table } from "~kit/design-system/components/Table";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../../api/admin-api";
import { getStrikeThresholds } from "../../api/standing";
import { can } from "../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { ThresholdsEditor } from "../../standing/ThresholdsEditor";
import { thresholdEffect } from "../../standing/threshold-draft";
import "../../moderation/moderation.css";

/**
 * The strike thresholds (README "Strikes"): how many active strikes suspend, for how long, or
 * ban. Everyone who reads content sees them; super admins (`system.config`) edit them.
 */
export default function StrikeThresholdsPage() {
  usePageTitle(() => "Strike thresholds", ADMIN_APP_NAME);
  const [view, { refetch, mutate }] = createResource(() => getStrikeThresholds(adminApi));
  const [editing, setEditing] = createSignal(false);
  const canEdit = () => can("system.config");

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Strike thresholds</h1>
          <p class="ds-muted">
            Each confirmed violation is a strike. When an account's active strikes reach a
            threshold, it is suspended or banned; fewer than the first threshold is a warning.
          </p>
        </div>
        <A href="/moderation">Review queue</A>
      </header>
      <Card
        actions={
          <Show when={canEdit() && !editing() && view.latest}>
            <Button onClick={() => setEditing(true)}>Edit thresholds</Button>
          </Show>
        }
      >
        <Show when={view.error}>
          {(error) => <LoadError what="The thresholds" error={error()} onRetry={refetch} />}
        </Show>
        <Show
          when={view.error ? undefined : view.latest}
          fallback={
            <Show when={!view.error}>
              <SkeletonText lines={3} label="Loading thresholds…" />
            </Show>
          }
        >
          {(shown) => (
            <div class="ds-stack">
              <Show
                when={editing()}
                fallback={
                  <Table caption="Strike thresholds" hideCaption>
                    <thead>
                      <tr>
                        <th scope="col">Active strikes</th>
                        <th scope="col">What happens</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={shown().thresholds}>
                        {(threshold) => (
                          <tr>
                            <td>{threshold.strikes}</td>
                            <td>{thresholdEffect(threshold)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </Table>
                }
              >
                <ThresholdsEditor
                  view={shown()}
                  onSaved={(saved) => {
                    mutate(saved);
                    setEditing(false);
                  }}
                  onCancel={() => setEditing(false)}
                />
              </Show>
              <p class="ds-muted">
                Strikes expire {shown().expiry_days} days after the account's last violation.{" "}
                {shown().updated_at
                  ? `Last changed ${formatDateTime(shown().updated_at)} by ${shown().updated_by ?? "—"} (moderation configuration version ${shown().version}).`
                  : "The built-in defaults apply."}{" "}
                Each save is a version of the moderation section; see its history and roll back on
                the <A href="/config">Configuration</A> page.
              </p>
            </div>
          )}
        </Show>
      </Card>
    </div>
  );
}
