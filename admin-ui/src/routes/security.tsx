import { createResource, createSignal, For, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { showToast } from "~kit/design-system/components/Toast";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../api/admin-api";
import { getIpAllowlist, type IpAllowlist } from "../api/admin-security";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import { IpAllowlistDialog } from "../security/IpAllowlistDialog";

/**
 * The admin's own security (README "The admin's own security"): the super admins' IP
 * allowlist, shown with whether the address in use is inside it, and edited with a second
 * factor. Super admins only (`system.config`).
 */
export default function SecurityPage() {
  usePageTitle(() => "Admin security", ADMIN_APP_NAME);
  const [allowlist, { mutate, refetch }] = createResource(() => getIpAllowlist(adminApi));
  const [editing, setEditing] = createSignal(false);

  function saved(next: IpAllowlist) {
    mutate(next);
    setEditing(false);
    showToast({ title: "Allowlist saved", tone: "success" });
  }

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Admin security</h1>
          <p class="ds-muted">
            Staff sessions end after 30 minutes without activity; each admin may make 100 requests a
            minute. Super admins can be held to the addresses below.
          </p>
        </div>
      </header>
      <Card
        title="Super admin IP allowlist"
        actions={
          <Show when={allowlist.latest}>
            <Button icon="lock" onClick={() => setEditing(true)}>
              Edit allowlist
            </Button>
          </Show>
        }
      >
        <Show when={allowlist.error}>
          {(error) => <LoadError what="The allowlist" error={error()} onRetry={refetch} />}
        </Show>
        <Show
          when={allowlist.error ? undefined : allowlist.latest}
          fallback={
            <Show when={!allowlist.error}>
              <SkeletonText lines={3} label="Loading the allowlist…" />
            </Show>
          }
        >
          {(current) => (
            <div class="ds-stack">
              <Show
                when={current().ranges.length > 0}
                fallback={<p class="ds-muted">Empty: super admins may sign in from any address.</p>}
              >
                <ul aria-label="Allowed addresses and ranges">
                  <For each={current().ranges}>
                    {(range) => (
                      <li>
                        <code>{range}</code>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={!current().your_address_allowed}>
                <Alert tone="warning" title="Your address is not on the list">
                  A super admin signing in from {current().your_address ?? "this address"} would be
                  refused.
                </Alert>
              </Show>
              <FactList
                facts={[
                  { label: "Your address", value: current().your_address ?? "Unknown" },
                  {
                    label: "Last changed",
                    value: current().updated_at
                      ? `${formatDateTime(current().updated_at as string)} by ${current().updated_by}`
                      : "Never",
                  },
                ]}
              />
            </div>
          )}
        </Show>
      </Card>
      <Show when={editing() && allowlist.latest}>
        {(current) => (
          <IpAllowlistDialog
            current={current()}
            onClose={() => setEditing(false)}
            onSaved={saved}
          />
        )}
      </Show>
    </div>
  );
}
