import { createResource, For, Match, Show, Switch } from "solid-js";
import { api } from "~/auth/session";
import type { SupportAccess as SupportAccessEntry } from "~core/contract/impersonation";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";

/**
 * Security activity: every time our support team viewed this account (README "Impersonation").
 * Such a view is read-only and ends within an hour; the owner sees when it started and ended.
 */
export function SupportAccess() {
  const [entries, { refetch }] = createResource(() =>
    api.get<SupportAccessEntry[]>("/api/impersonation/history"),
  );
  return (
    <Card title="Support access">
      <p class="ds-muted">
        When our support team viewed your account to help you. They could see it but change nothing.
      </p>
      <Switch>
        <Match when={entries.error}>
          <LoadError what="Support access" error={entries.error} onRetry={refetch} />
        </Match>
        <Match when={entries.state === "ready"}>
          <Show
            when={(entries() ?? []).length > 0}
            fallback={<p>Support has never viewed your account.</p>}
          >
            <ul class="security__support-access">
              <For each={entries()}>
                {(entry) => (
                  <li>
                    Viewed read-only from {formatDateTime(entry.started_at)}{" "}
                    <Show when={entry.active} fallback={<>to {formatDateTime(entry.ended_at)}</>}>
                      <Badge tone="warning">Now, until {formatDateTime(entry.ended_at)}</Badge>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Match>
        <Match when={true}>
          <SkeletonText lines={2} label="Loading support access…" />
        </Match>
      </Switch>
    </Card>
  );
}
