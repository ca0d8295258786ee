import { createMemo, createResource, Show } from "solid-js";
import { fetchVersion } from "~/api/resumes";
import { api } from "~/auth/session";
import { diffResumes } from "~core/resume/version-diff";
import { resumeFontUrl } from "~core/share/page";
import { renderResumeDocument } from "~core/templates/index";
import { Button } from "~kit/design-system/components/Button";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { LoadError } from "~kit/forms/LoadError";
import { useEditor } from "./editor-state";
import { VersionDiff } from "./VersionDiff";

/**
 * One saved version before it is restored: how it looks (rendered by the same templates as
 * the preview, in a sandboxed frame) and what differs from the resume now.
 */
export function VersionDetail(props: {
  version: number;
  label: string;
  /** The resume is at this version already: nothing to restore. */
  current: boolean;
  restoring: boolean;
  onRestore: () => void;
  onBack: () => void;
}) {
  const editor = useEditor();
  const [detail, { refetch }] = createResource(
    () => ({ id: editor.id(), version: props.version }),
    ({ id, version }) => fetchVersion(api, id, version),
  );
  const diff = createMemo(() => {
    const saved = detail();
    return saved ? diffResumes(saved.data, editor.snapshot()) : [];
  });
  const page = createMemo(() => {
    const saved = detail();
    return saved ? renderResumeDocument(saved.data, { fonts: resumeFontUrl }) : "";
  });

  return (
    <div class="version-detail">
      <div class="version-detail__head">
        <Button size="sm" variant="ghost" onClick={() => props.onBack()}>
          Back to all versions
        </Button>
        <h3>{props.label}</h3>
      </div>
      <Show when={!detail.loading} fallback={<SkeletonText lines={4} label="Loading version…" />}>
        <Show
          when={!detail.error}
          fallback={<LoadError what="This version" error={detail.error} onRetry={refetch} />}
        >
          <div class="version-detail__body">
            <div class="version-detail__preview">
              <iframe
                title={`Preview of ${props.label}`}
                sandbox=""
                srcdoc={page()}
                class="version-detail__frame"
              />
            </div>
            <div>
              <h4>Changes since this version</h4>
              <VersionDiff sections={diff()} />
            </div>
          </div>
          <Show when={!editor.readOnly && !props.current}>
            <Button
              loading={props.restoring}
              aria-label={`Restore ${props.label}`}
              onClick={() => props.onRestore()}
            >
              Restore this version
            </Button>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
