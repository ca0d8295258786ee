import { createSignal, Show } from "solid-js";
import type { Photo } from "~core/contract/media";
import {
  PHOTO_CONTENT_TYPES,
  PHOTO_LIMITS,
  type PhotoModerationState,
} from "~core/media/photo-rules";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { ProgressBar } from "~kit/design-system/components/ProgressBar";
import { describeError } from "~kit/forms/describe-error";
import "./photo-picker.css";

export interface PhotoPickerProps {
  /** The file input's id; its label is the visible "Upload photo" button. */
  id: string;
  /** The photo shown now (a served `/media/…` path or an https address), if any. */
  current: string | null;
  /** The preview's alt text. */
  alt: string;
  upload: (file: File) => Promise<Photo>;
  onUploaded: (photo: Photo) => void;
  /** Given only when the current photo is one uploaded here and can be deleted. */
  remove?: () => Promise<void>;
  /** Where the current uploaded photo stands in content moderation, when known. */
  moderation?: PhotoModerationState | null;
}

/** What the owner is told while their photo is not yet shown to others. */
const MODERATION_NOTE: Partial<Record<PhotoModerationState, string>> = {
  checking:
    "We check every photo before public pages and exports show it; this usually takes a few seconds.",
  withheld:
    "A moderator is reviewing this photo. Public pages and exports leave it out until then; you will get an email when it is decided.",
};

const MAX_MB = PHOTO_LIMITS.maxBytes / (1024 * 1024);

/**
 * Upload a photo (README "Photos"): a real file input — focusable, opened with Enter or
 * Space — under a visible label styled as a button, an indeterminate progress bar while the
 * upload runs, and the server's reason when it is refused. The size and type are checked
 * here first, so a 20 MB file is refused without sending it; the server decides the rest.
 */
export function PhotoPicker(props: PhotoPickerProps) {
  const [busy, setBusy] = createSignal<"upload" | "remove" | null>(null);
  const [error, setError] = createSignal("");
  const [status, setStatus] = createSignal("");

  const run = async (kind: "upload" | "remove", work: () => Promise<string>) => {
    setBusy(kind);
    setError("");
    setStatus(kind === "upload" ? "Uploading photo…" : "Removing photo…");
    try {
      setStatus(await work());
    } catch (cause) {
      setStatus("");
      setError(describeError(cause));
    } finally {
      setBusy(null);
    }
  };

  const onFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Cleared, so choosing the same file again after an error tries again.
    input.value = "";
    if (!file) return;
    // An unknown type ("") goes to the server, which reads the bytes; a known other one
    // (HEIC, GIF, PDF) is refused here with the same words.
    if (file.type && !(PHOTO_CONTENT_TYPES as readonly string[]).includes(file.type)) {
      setError("Choose a PNG, JPEG or WebP image.");
      return;
    }
    if (file.size > PHOTO_LIMITS.maxBytes) {
      setError(`That file is larger than ${MAX_MB} MB. Choose a smaller photo.`);
      return;
    }
    void run("upload", async () => {
      props.onUploaded(await props.upload(file));
      return "Photo uploaded.";
    });
  };

  return (
    <div class="photo-picker">
      <div class="photo-picker__row">
        <Show
          when={props.current}
          fallback={
            <div class="photo-picker__preview photo-picker__preview--empty" aria-hidden="true" />
          }
        >
          {(src) => <img class="photo-picker__preview" src={src()} alt={props.alt} />}
        </Show>
        <div class="photo-picker__controls">
          <input
            id={props.id}
            class="ds-visually-hidden photo-picker__input"
            type="file"
            accept={PHOTO_CONTENT_TYPES.join(",")}
            aria-describedby={`${props.id}-help`}
            disabled={busy() !== null}
            onChange={(event) => onFile(event.currentTarget)}
          />
          <label
            for={props.id}
            class={`${buttonClass("secondary", "sm")} photo-picker__button`}
            aria-disabled={busy() !== null ? "true" : undefined}
          >
            {props.current ? "Upload a new photo" : "Upload photo"}
          </label>
          <Show when={props.remove}>
            {(remove) => (
              <Button
                variant="ghost"
                size="sm"
                loading={busy() === "remove"}
                disabled={busy() !== null}
                onClick={() =>
                  void run("remove", async () => {
                    await remove()();
                    return "Photo removed.";
                  })
                }
              >
                Remove photo
              </Button>
            )}
          </Show>
        </div>
      </div>
      <p id={`${props.id}-help`} class="ds-muted photo-picker__help">
        PNG, JPEG or WebP, up to {MAX_MB} MB and at least {PHOTO_LIMITS.minSide}×
        {PHOTO_LIMITS.minSide} pixels. Location, camera and other details stored in the file are
        removed.
      </p>
      <Show when={props.moderation && MODERATION_NOTE[props.moderation]}>
        {(note) => <Alert tone="info">{note()}</Alert>}
      </Show>
      <Show when={busy() === "upload"}>
        <ProgressBar label="Uploading photo…" value={0} indeterminate />
      </Show>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <span class="ds-visually-hidden" role="status">
        {status()}
      </span>
    </div>
  );
}
