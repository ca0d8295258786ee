import { createEffect, createSignal, onCleanup, Show } from "solid-js";
import { ApiError } from "~kit/api/envelope";
import { FactList } from "~kit/design-system/components/FactList";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { formatBytes } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { fetchAdminBlob } from "../api/admin-api";
import { fetchModerationCasePhoto, type ModerationCasePhoto } from "../api/moderation";
import { photoAlt, photoDimensions, photoFormat } from "./case-photo";

type Loaded =
  | { status: "loading" }
  | { status: "shown"; url: string; bytes: number }
  | { status: "failed"; error: unknown };

/**
 * A photo case's image exactly as checked, with its size and type. The API wants the
 * operator's bearer token, which an `<img src>` cannot send, so the bytes are fetched and
 * shown from an object URL, revoked when the case or the page goes away.
 */
export function CasePhoto(props: {
  caseId: string;
  photo: ModerationCasePhoto;
  /** "Profile photo" / "Resume photo". */
  subjectLabel: string;
}) {
  const [loaded, setLoaded] = createSignal<Loaded>({ status: "loading" });
  const [attempt, setAttempt] = createSignal(0);

  createEffect(() => {
    const id = props.caseId;
    attempt();
    const controller = new AbortController();
    let url: string | null = null;
    setLoaded({ status: "loading" });
    fetchModerationCasePhoto(fetchAdminBlob, id, controller.signal).then(
      (blob) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setLoaded({ status: "shown", url, bytes: blob.size });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ status: "failed", error });
      },
    );
    onCleanup(() => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    });
  });

  const shown = () => {
    const current = loaded();
    return current.status === "shown" ? current : null;
  };
  const failure = () => {
    const current = loaded();
    return current.status === "failed" ? current.error : null;
  };

  return (
    <div class="ds-stack">
      <Show when={failure()}>
        {(error) => (
          <LoadError
            what="The photo"
            title={
              error() instanceof ApiError && (error() as ApiError).status === 404
                ? "The checked photo is no longer stored"
                : undefined
            }
            error={error()}
            onRetry={() => setAttempt((n) => n + 1)}
          />
        )}
      </Show>
      <Show when={loaded().status === "loading"}>
        <SkeletonText lines={4} label="Loading photo…" />
      </Show>
      <Show when={shown()}>
        {(image) => (
          <img class="moderation-photo" src={image().url} alt={photoAlt(props.subjectLabel)} />
        )}
      </Show>
      <FactList
        facts={[
          { label: "Size", value: photoDimensions(props.photo) },
          { label: "Type", value: photoFormat(props.photo) },
          { label: "File", value: shown() ? formatBytes(shown()?.bytes ?? 0) : "—" },
          {
            label: "SHA-256",
            value: <span class="ds-mono moderation-id">{props.photo.sha256}</span>,
          },
        ]}
      />
    </div>
  );
}
