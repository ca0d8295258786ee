import { createResource, createSignal, For, Show } from "solid-js";
import { listVersions, markVersion, nameCurrentVersion, restoreVersion } from "~/api/resumes";
import { api } from "~/auth/session";
import { type ResumeVersion, VERSION_NAME_MAX } from "~core/contract/resumes";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { TextField } from "~kit/design-system/components/TextField";
import { showToast } from "~kit/design-system/components/Toast";
import { formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { useEditor } from "./editor-state";
import { VersionDetail } from "./VersionDetail";
import "./version-history.css";
import { LoadError } from "~kit/forms/LoadError";

const REASONS: Record<string, string> = {
  create: "Created",
  edit: "Edited",
  restore: "Restored an earlier version",
  import: "Imported",
  clone: "Copied",
};

const labelOf = (item: ResumeVersion) => item.name ?? `Version ${item.version}`;

/** When a version was made; an editing session shows when it began and its last save. */
function when(item: ResumeVersion): string {
  const start = formatDateTime(item.created_at);
  return item.updated_at === item.created_at
    ? start
    : `${start} – ${formatDateTime(item.updated_at)}`;
}

/**
 * Saved versions, newest first (README "Version history"): one per editing session, plus the
 * ones the person named or pinned, which are kept. Each opens to a preview and the changes
 * since it; restoring saves it as the newest version, so nothing is lost.
 */
export function VersionHistory(props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const editor = useEditor();
  const [versions, { refetch }] = createResource(
    () => (props.open ? editor.id() : null),
    async (id) => (await listVersions(api, id)).items,
  );
  const [selected, setSelected] = createSignal<ResumeVersion | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal("");
  const [name, setName] = createSignal("");
  const [renaming, setRenaming] = createSignal<number | null>(null);
  const [rename, setRename] = createSignal("");
  const [notice, setNotice] = createSignal("");

  /** Runs one change at a time, showing its failure and refreshing the list after it. */
  const act = async (key: string, run: () => Promise<void>) => {
    setBusy(key);
    setError("");
    setNotice("");
    try {
      await run();
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(null);
      void refetch();
    }
  };

  const nameCurrent = (event: SubmitEvent) => {
    event.preventDefault();
    const value = name().trim();
    if (!value) return setError("Give the version a name.");
    return act("name", async () => {
      // what is waiting goes first, so the name is given to what the person sees
      await editor.save();
      const named = await nameCurrentVersion(api, editor.id(), value, editor.version());
      setName("");
      // said inside the dialog: a toast outside it would take the dialog's focus away
      setNotice(`Named the current version "${named.name}".`);
    });
  };

  const saveRename = (item: ResumeVersion) =>
    act(`rename-${item.version}`, async () => {
      const value = rename().trim();
      await markVersion(api, editor.id(), item.version, { name: value === "" ? null : value });
      setRenaming(null);
    });

  const togglePin = (item: ResumeVersion) =>
    act(`pin-${item.version}`, async () => {
      await markVersion(api, editor.id(), item.version, { pinned: !item.pinned });
    });

  const restore = (item: ResumeVersion) =>
    act(`restore-${item.version}`, async () => {
      await editor.save();
      const fresh = await restoreVersion(api, editor.id(), item.version, editor.version());
      editor.load(fresh);
      setSelected(null);
      props.onOpenChange(false);
      showToast({ title: `${labelOf(item)} restored`, tone: "success" });
    });

  return (
    <Modal
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setSelected(null);
        props.onOpenChange(open);
      }}
      title="Version history"
      description="Each editing session keeps one version; named and pinned versions are never removed. Restoring one saves it as the newest version; nothing is deleted."
    >
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <Show
        when={selected()}
        fallback={
          <>
            <Show when={!editor.readOnly}>
              <form class="version-name-form" onSubmit={nameCurrent}>
                <TextField
                  label="Name the current version"
                  placeholder="Sent to Acme"
                  maxLength={VERSION_NAME_MAX}
                  value={name()}
                  onChange={setName}
                />
                <Button type="submit" variant="outline" loading={busy() === "name"}>
                  Save name
                </Button>
              </form>
              <p class="ds-muted" role="status">
                {notice()}
              </p>
            </Show>
            <Show
              when={!versions.loading || versions.latest}
              fallback={<SkeletonText lines={4} label="Loading versions…" />}
            >
              <Show
                when={!versions.error}
                fallback={<LoadError what="Versions" error={versions.error} onRetry={refetch} />}
              >
                <ol class="version-list">
                  <For each={versions.latest}>
                    {(item) => (
                      <li class="version-list__item">
                        <div>
                          <strong>{labelOf(item)}</strong>{" "}
                          <Show when={item.pinned}>
                            <Badge tone="info">Pinned</Badge>
                          </Show>
                          <div class="ds-muted">
                            {item.name ? `Version ${item.version} · ` : ""}
                            {REASONS[item.reason] ?? item.reason} · {when(item)}
                            {item.version === editor.version() ? " · Current" : ""}
                          </div>
                        </div>
                        <Show
                          when={renaming() === item.version}
                          fallback={
                            <div class="version-list__actions">
                              <Button
                                size="sm"
                                variant="outline"
                                aria-label={`View ${labelOf(item)}`}
                                onClick={() => setSelected(item)}
                              >
                                View
                              </Button>
                              <Show when={!editor.readOnly}>
                                <Button
                                  size="sm"
                                  variant="ghost"
                                  aria-label={`Name ${labelOf(item)}`}
                                  onClick={() => {
                                    setRename(item.name ?? "");
                                    setRenaming(item.version);
                                  }}
                                >
                                  Name
                                </Button>
                                <Button
                                  size="sm"
                                  variant="ghost"
                                  aria-pressed={item.pinned}
                                  aria-label={`${item.pinned ? "Unpin" : "Pin"} ${labelOf(item)}`}
                                  loading={busy() === `pin-${item.version}`}
                                  onClick={() => void togglePin(item)}
                                >
                                  {item.pinned ? "Unpin" : "Pin"}
                                </Button>
                              </Show>
                            </div>
                          }
                        >
                          <form
                            class="version-name-form"
                            onSubmit={(event) => {
                              event.preventDefault();
                              void saveRename(item);
                            }}
                          >
                            <TextField
                              label={`Name of version ${item.version}`}
                              description="Leave empty to remove the name. Naming pins the version."
                              maxLength={VERSION_NAME_MAX}
                              value={rename()}
                              onChange={setRename}
                            />
                            <Button
                              type="submit"
                              size="sm"
                              loading={busy() === `rename-${item.version}`}
                            >
                              Save
                            </Button>
                            <Button size="sm" variant="ghost" onClick={() => setRenaming(null)}>
                              Cancel
                            </Button>
                          </form>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </Show>
          </>
        }
      >
        {(item) => (
          <VersionDetail
            version={item().version}
            label={labelOf(item())}
            current={item().version === editor.version()}
            restoring={busy() === `restore-${item().version}`}
            onRestore={() => void restore(item())}
            onBack={() => setSelected(null)}
          />
        )}
      </Show>
    </Modal>
  );
}
