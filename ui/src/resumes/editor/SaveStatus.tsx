import { createSignal, Match, Show, Switch } from "solid-js";
import { fetchResume } from "~/api/resumes";
import { api } from "~/auth/session";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import type { SaveState } from "../autosave";
import { useEditor } from "./editor-state";

const LABELS: Record<SaveState, string> = {
  saved: "All changes saved",
  pending: "Unsaved changes",
  saving: "Saving…",
  offline: "Offline — changes kept on this device",
  conflict: "Changed elsewhere — not saved",
  invalid: "Not saved — fix the marked fields",
  error: "Not saved — will retry",
};

/** The save state, always visible and announced politely; a conflict asks what to do. */
export function SaveStatus() {
  const editor = useEditor();
  return (
    <p class={`save-status save-status--${editor.saveState()}`} role="status" aria-live="polite">
      <span class="save-status__dot" aria-hidden="true" />
      {LABELS[editor.saveState()]}
    </p>
  );
}

/** Shown above the form when saving needs the person: a conflict, an error, bad fields. */
export function SaveProblems() {
  const editor = useEditor();
  const [reloading, setReloading] = createSignal(false);
  const reload = async () => {
    setReloading(true);
    try {
      editor.load(await fetchResume(api, editor.id()));
    } finally {
      setReloading(false);
    }
  };
  const firstError = () => {
    const [entry] = editor.errors();
    return entry ? `${entry[0].replaceAll(".", " › ")}: ${entry[1]}` : "";
  };
  return (
    <Switch>
      <Match when={editor.saveState() === "conflict"}>
        <Alert
          tone="warning"
          title="This resume was changed elsewhere"
          action={
            <div class="ds-cluster">
              <Button
                size="sm"
                variant="outline"
                loading={reloading()}
                onClick={() => void reload()}
              >
                Reload their version
              </Button>
              <Button size="sm" variant="danger" onClick={() => editor.overwrite()}>
                Overwrite with mine
              </Button>
            </div>
          }
        >
          Someone saved a newer version (in another tab or on another device). Reload it and lose
          your unsaved changes here, or keep yours and replace theirs; either way the other version
          stays in the history.
        </Alert>
      </Match>
      <Match when={editor.saveState() === "error"}>
        <Alert
          tone="error"
          title="Your changes could not be saved"
          action={
            <Button size="sm" variant="outline" onClick={() => void editor.save()}>
              Try again
            </Button>
          }
        >
          {editor.failure()?.message ?? "The server did not answer."}
        </Alert>
      </Match>
      <Match when={editor.saveState() === "invalid"}>
        <Alert tone="warning" title="Some fields need a fix before saving">
          <Show when={firstError()} fallback={editor.failure()?.message}>
            {firstError()}
          </Show>
        </Alert>
      </Match>
    </Switch>
  );
}
