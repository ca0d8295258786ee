import { createResource, createSignal, For, Show } from "solid-js";
import { listVersions, restoreVersion } from "~/api/resumes";
import { api } from "~/auth/session";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { showToast } from "~kit/design-system/components/Toast";
import { formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { useEditor } from "./editor-state";

const REASONS: Record<string, string> = {
  create: "Created",
  update: "Saved",
  save: "Saved",
  restore: "Restored an earlier version",
  import: "Imported",
  clone: "Copied",
};

/** Saved versions, newest first, each restorable (as a new version, so nothing is lost). */
export function VersionHistory(props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const editor = useEditor();
  const [versions, { refetch }] = createResource(
    () => (props.open ? editor.id() : null),
    async (id) => (await listVersions(api, id)).items,
  );
  const [restoring, setRestoring] = createSignal<number | null>(null);
  const [error, setError] = createSignal("");

  const restore = async (version: number) => {
    setRestoring(version);
    setError("");
    try {
      // what is waiting goes first, so the restore is based on the newest version
      await editor.save();
      const fresh = await restoreVersion(api, editor.id(), version, editor.version());
      editor.load(fresh);
      props.onOpenChange(false);
      showToast({ title: `Version ${version} restored`, tone: "success" });
    } catch (cause) {
      setError(describeError(cause));
      void refetch();
    } finally {
      setRestoring(null);
    }
  };

  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Version history"
      description="Every save keeps a version. Restoring one saves it as the newest version; nothing is deleted."
    >
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <Show
        when={!versions.loading}
        fallback={<SkeletonText lines={4} label="Loading versions…" />}
      >
        <Show
          when={!versions.error}
          fallback={<Alert tone="error">Versions could not be loaded.</Alert>}
        >
          <ol class="version-list">
            <For each={versions()}>
              {(item) => (
                <li class="version-list__item">
                  <div>
                    <strong>Version {item.version}</strong>
                    <span class="ds-muted">
                      {" "}
                      · {REASONS[item.reason] ?? item.reason} · {formatDateTime(item.created_at)}
                    </span>
                  </div>
                  <Show
                    when={item.version !== editor.version()}
                    fallback={<span class="ds-muted">Current</span>}
                  >
                    <Button
                      size="sm"
                      variant="outline"
                      loading={restoring() === item.version}
                      disabled={restoring() !== null}
                      aria-label={`Restore version ${item.version}`}
                      onClick={() => void restore(item.version)}
                    >
                      Restore
                    </Button>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </Modal>
  );
}
