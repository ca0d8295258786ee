import { createSignal, For, Show } from "solid-js";
import type { ConfigSectionView, ConfigVersion } from "~core/contract/live-config";
import { Button } from "~kit/design-system/components/Button";
import { Table } from "~kit/design-system/components/Table";
import { TextField } from "~kit/design-system/components/TextField";
import { formatDateTime } from "~kit/format";
import { adminApi } from "../api/admin-api";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { rollbackConfig } from "./config-api";
import { diffValues, type SectionValue, showValue } from "./draft";
import { entryLabel, fieldLabel } from "./labels";

/** What a version would change against the current value, one line per field. */
function DiffAgainstCurrent(props: { current: SectionValue; version: SectionValue }) {
  const changes = () => diffValues(props.current, props.version);
  return (
    <Show when={changes().length > 0} fallback={<span class="ds-muted">Same as current</span>}>
      <ul class="config-diff">
        <For each={changes()}>
          {(change) => (
            <li>
              {entryLabel(change.entry)}, {fieldLabel(change.field)}: {showValue(change.from)} →{" "}
              {showValue(change.to)}
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/**
 * A section's versions, newest first, with who wrote each, when and why, how it differs from
 * the current value, and a rollback: a new version with that version's value and its own
 * reason (README "Live configuration").
 */
export function VersionHistory(props: {
  section: ConfigSectionView;
  versions: ConfigVersion[];
  onRolledBack: (view: ConfigSectionView) => void;
}) {
  const [target, setTarget] = createSignal<ConfigVersion | null>(null);
  const [reason, setReason] = createSignal("");
  const [issue, setIssue] = createSignal<string | null>(null);

  function check() {
    const why = reason().trim();
    setIssue(why.length < 3 ? "Say why (at least 3 characters)." : null);
    const version = target();
    return why.length < 3 || !version ? null : { version: version.version, reason: why };
  }

  return (
    <>
      <Table caption={`${props.section.label}: versions`}>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Why</th>
            <th scope="col">Against current</th>
            <th scope="col">
              <span class="ds-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.versions}>
            {(version) => (
              <tr>
                <th scope="row">
                  v{version.version}
                  <Show when={version.rolled_back_from}>
                    {(from) => <span class="ds-muted"> (rollback to v{from()})</span>}
                  </Show>
                </th>
                <td>
                  <time datetime={version.created_at}>{formatDateTime(version.created_at)}</time>
                </td>
                <td class="ds-mono">{version.created_by}</td>
                <td>{version.reason}</td>
                <td>
                  <DiffAgainstCurrent
                    current={props.section.value as SectionValue}
                    version={version.value as SectionValue}
                  />
                </td>
                <td>
                  <Show
                    when={version.version !== props.section.version}
                    fallback={<span class="ds-muted">Current</span>}
                  >
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => {
                        setReason("");
                        setIssue(null);
                        setTarget(version);
                      }}
                    >
                      Roll back to v{version.version}
                    </Button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </Table>
      <Show when={target()}>
        {(version) => (
          <StepUpActionDialog
            title={`Roll ${props.section.label.toLowerCase()} back to v${version().version}`}
            description="A new version is written with that version's value; it takes effect at once."
            formLabel="Roll back"
            submitLabel="Roll back"
            failureTitle="Not rolled back"
            check={check}
            send={async (request, key) => {
              const view = await rollbackConfig(adminApi, props.section.section, request, key);
              setTarget(null);
              props.onRolledBack(view);
            }}
            onClose={() => setTarget(null)}
          >
            <TextField
              label="Reason for the rollback"
              value={reason()}
              onChange={setReason}
              maxLength={500}
              error={issue() ?? undefined}
              required
            />
          </StepUpActionDialog>
        )}
      </Show>
    </>
  );
}
