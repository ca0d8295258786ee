import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import type { ConfigSection, ConfigSectionView } from "~core/contract/live-config";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { showToast } from "~kit/design-system/components/Toast";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../api/admin-api";
import { getConfig, getConfigHistory } from "../config/config-api";
import { EmailTemplatesEditor } from "../config/EmailTemplatesEditor";
import { PlanPrices } from "../config/PlanPrices";
import { SectionEditor } from "../config/SectionEditor";
import { VersionHistory } from "../config/VersionHistory";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import "../config/config.css";

/** One section: what is in force, its form, its versions. */
function SectionCard(props: { section: ConfigSectionView; onChanged: () => void }) {
  const [editing, setEditing] = createSignal(false);
  const [history, { refetch }] = createResource(
    () => props.section.version,
    () => getConfigHistory(adminApi, props.section.section as ConfigSection),
  );

  function changed(view: ConfigSectionView, what: string) {
    setEditing(false);
    showToast({ title: `${view.label}: ${what} v${view.version}`, tone: "success" });
    props.onChanged();
  }

  return (
    <Card
      title={props.section.label}
      actions={
        <Show when={!editing()}>
          <Button onClick={() => setEditing(true)}>Edit {props.section.label.toLowerCase()}</Button>
        </Show>
      }
    >
      <div class="ds-stack">
        <p class="ds-muted">
          {props.section.version === 0
            ? "Version 0: the defaults in the code; nothing was changed yet."
            : `Version ${props.section.version}, ${formatDateTime(props.section.updated_at)} by ${props.section.updated_by}: ${props.section.reason}`}
        </p>
        <Show when={props.section.section === "plan_details"}>
          <PlanPrices section={props.section} />
        </Show>
        <Show when={editing()}>
          <Show
            when={props.section.section === "email_templates"}
            fallback={
              <SectionEditor
                section={props.section}
                onSaved={(view) => changed(view, "saved as")}
                onCancel={() => setEditing(false)}
              />
            }
          >
            <EmailTemplatesEditor
              section={props.section}
              onSaved={(view) => changed(view, "saved as")}
              onCancel={() => setEditing(false)}
            />
          </Show>
        </Show>
        <Show when={history.error}>
          {(error) => <LoadError what="The versions" error={error()} onRetry={refetch} />}
        </Show>
        <Show when={history.latest}>
          {(loaded) => (
            <Show
              when={loaded().versions.length > 0}
              fallback={<p class="ds-muted">No versions yet.</p>}
            >
              <VersionHistory
                section={props.section}
                versions={loaded().versions}
                onRolledBack={(view) => changed(view, "rolled back as")}
              />
            </Show>
          )}
        </Show>
      </div>
    </Card>
  );
}

/**
 * Live configuration (README "Live configuration"): plan limits and details, rate limits, AI
 * parameters, email templates, feature flags and moderation thresholds, changed without a
 * deploy, each change a version with who, when and why, and a rollback to any earlier one. Super admins only (`system.config`, with a recent second factor).
 */
export default function ConfigPage() {
  usePageTitle(() => "Configuration", ADMIN_APP_NAME);
  const [overview, { refetch }] = createResource(() => getConfig(adminApi));

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Configuration</h1>
          <p class="ds-muted">
            Changes take effect at once, without a deploy. Every save is a new version; roll back to
            any earlier one. Prices charged stay in Stripe.
          </p>
        </div>
      </header>
      <Show when={overview.error}>
        {(error) => <LoadError what="The configuration" error={error()} onRetry={refetch} />}
      </Show>
      <Show
        when={overview.error ? undefined : overview.latest}
        fallback={
          <Show when={!overview.error}>
            <SkeletonText lines={4} label="Loading the configuration…" />
          </Show>
        }
      >
        {(loaded) => (
          <For each={loaded().sections}>
            {(section) => <SectionCard section={section} onChanged={() => void refetch()} />}
          </For>
        )}
      </Show>
      <p class="ds-muted">
        The strike thresholds of the moderation section are edited on their own page,{" "}
        <A href="/moderation/strikes">Strike thresholds</A>; each save there is a version here.
      </p>
    </div>
  );
}
