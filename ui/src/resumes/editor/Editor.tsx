import { A } from "@solidjs/router";
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { liveEntitlements } from "~/billing/live-plans";
import { ExportButton } from "~/exports/ExportButton";
import type { Resume } from "~core/contract/resumes";
import type { User } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { createEditorState, EditorContext } from "./editor-state";
import { readLocalCopy } from "./local-copy";
import { Preview } from "./Preview";
import { announcement } from "./reorder";
import { SaveProblems, SaveStatus } from "./SaveStatus";
import { SectionsEditor } from "./SectionsEditor";
import { SharePanel } from "./SharePanel";
import { StylePanel } from "./StylePanel";
import { VersionHistory } from "./VersionHistory";
import "./editor.css";
import "./sections-editor.css";
import "./style-panel.css";

type View = "content" | "design" | "preview";
const VIEWS: { value: View; label: string }[] = [
  { value: "content", label: "Content" },
  { value: "design", label: "Design" },
  { value: "preview", label: "Preview" },
];
const WIDE = "(min-width: 1024px)";

/**
 * The editor: form (content, design) beside a live preview; on narrow screens, three tabs.
 * `viewingAs`: staff see the account read-only (README "Impersonation"), so the editor takes no
 * edits, saves nothing and keeps no local copy of the owner's resume in the staff's browser.
 */
export function Editor(props: { resume: Resume; user: User; viewingAs?: boolean }) {
  const editor = createEditorState(
    props.viewingAs ? { ...props.resume, read_only: true } : props.resume,
  );
  const [view, setView] = createSignal<View>("content");
  const [wide, setWide] = createSignal(window.matchMedia(WIDE).matches);
  const [historyOpen, setHistoryOpen] = createSignal(false);
  const [shareOpen, setShareOpen] = createSignal(false);
  const local = readLocalCopy(props.resume.id);
  const [recoverable, setRecoverable] = createSignal(
    !editor.readOnly && local && JSON.stringify(local.data) !== JSON.stringify(props.resume.data)
      ? local
      : null,
  );

  onMount(() => {
    const query = window.matchMedia(WIDE);
    const onChange = () => setWide(query.matches);
    query.addEventListener("change", onChange);
    onCleanup(() => query.removeEventListener("change", onChange));
  });

  const views = () => (wide() ? VIEWS.filter((item) => item.value !== "preview") : VIEWS);
  const current = () => (wide() && view() === "preview" ? "content" : view());
  const previewShown = () => wide() || view() === "preview";

  const onTabKey = (event: KeyboardEvent) => {
    const list = views();
    const at = list.findIndex((item) => item.value === current());
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = list[(at + step + list.length) % list.length];
    if (!next) return;
    setView(next.value);
    document.getElementById(`editor-tab-${next.value}`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "z" || key === "y") {
      event.preventDefault();
      if (key === "y" || event.shiftKey) editor.redo();
      else editor.undo();
    } else if (key === "s") {
      event.preventDefault();
      void editor.save();
    }
  };

  return (
    <EditorContext.Provider value={editor}>
      <div
        class="editor"
        ref={(element) => {
          // shortcuts and save-on-blur for everything inside, wherever focus is
          element.addEventListener("keydown", onKeyDown);
          element.addEventListener("focusout", () => void editor.save());
        }}
      >
        <header class="editor__header">
          <div class="editor__heading">
            <A href="/dashboard" class="editor__back">
              ← All resumes
            </A>
            <h1 class="editor__title">{editor.title() || "Untitled resume"}</h1>
          </div>
          <div class="editor__tools">
            <SaveStatus />
            {/* Nothing left to undo is aria-disabled, not disabled: the button keeps focus, so
                a keyboard user keeps their place and leaving it still saves (focusout). */}
            <Button
              size="sm"
              variant="ghost"
              disabled={editor.readOnly}
              aria-disabled={!editor.canUndo()}
              onClick={() => editor.undo()}
              title="Undo (Ctrl+Z)"
            >
              Undo
            </Button>
            <Button
              size="sm"
              variant="ghost"
              disabled={editor.readOnly}
              aria-disabled={!editor.canRedo()}
              onClick={() => editor.redo()}
              title="Redo (Ctrl+Shift+Z)"
            >
              Redo
            </Button>
            <Button size="sm" variant="outline" icon="history" onClick={() => setHistoryOpen(true)}>
              History
            </Button>
            <Button size="sm" icon="link" onClick={() => setShareOpen(true)}>
              Share
            </Button>
            <ExportButton />
          </div>
        </header>
        <Show when={props.viewingAs}>
          <Alert tone="info" title="Viewing as this user: read-only">
            This is the resume as its owner sees it. Nothing can be changed while you view the
            account; the server refuses every change.
          </Alert>
        </Show>
        <Show when={editor.readOnly && !props.viewingAs}>
          <Alert
            tone="warning"
            title="This resume is read-only"
            action={
              <div class="ds-cluster">
                <A href="/pricing" class={buttonClass("primary", "sm")}>
                  See plans
                </A>
                <A href="/dashboard" class={buttonClass("outline", "sm")}>
                  Your resumes
                </A>
              </div>
            }
          >
            Your plan allows {liveEntitlements(props.user.plan).resumes} resumes; this one is
            read-only. Upgrade or delete another to edit it. You can still read, share and export
            it.
          </Alert>
        </Show>
        <Show when={recoverable()}>
          {(copy) => (
            <Alert
              tone="info"
              title="Unsaved changes from an earlier visit"
              action={
                <div class="ds-cluster">
                  <Button
                    size="sm"
                    onClick={() => {
                      editor.recover(copy().data);
                      setRecoverable(null);
                    }}
                  >
                    Use them
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setRecoverable(null)}>
                    Discard
                  </Button>
                </div>
              }
            >
              This device kept changes that never reached the server
              {copy().version === props.resume.version
                ? "."
                : ", made to an older version. Using them replaces the newer one (still kept in the history)."}
            </Alert>
          )}
        </Show>
        <SaveProblems />
        <div class="editor__tabs" role="tablist" aria-label="Editor views" onKeyDown={onTabKey}>
          <For each={views()}>
            {(item) => (
              <button
                type="button"
                role="tab"
                id={`editor-tab-${item.value}`}
                class="editor__tab"
                aria-selected={current() === item.value}
                aria-controls={`editor-panel-${item.value}`}
                tabIndex={current() === item.value ? 0 : -1}
                onClick={() => setView(item.value)}
              >
                {item.label}
              </button>
            )}
          </For>
        </div>
        <div class="editor__body">
          {/* a disabled fieldset disables every control of the form at once */}
          <fieldset class="editor__form" disabled={editor.readOnly}>
            <legend class="ds-visually-hidden">
              {editor.readOnly ? "Resume (read-only)" : "Resume"}
            </legend>
            <div
              id="editor-panel-content"
              role="tabpanel"
              aria-labelledby="editor-tab-content"
              hidden={current() !== "content"}
            >
              <div class="ds-field editor__rename">
                <label class="ds-field__label" for="resume-title">
                  Resume title
                </label>
                <input
                  id="resume-title"
                  class="ds-field__control"
                  maxLength={120}
                  value={editor.title()}
                  aria-describedby="resume-title-help"
                  onInput={(event) => editor.setTitle(event.currentTarget.value)}
                />
                <span id="resume-title-help" class="ds-field__description">
                  Only you see the title; it names the resume in your list.
                </span>
              </div>
              <SectionsEditor />
            </div>
            <Show when={current() === "design"}>
              <div id="editor-panel-design" role="tabpanel" aria-labelledby="editor-tab-design">
                <StylePanel plan={props.user.plan} />
              </div>
            </Show>
          </fieldset>
          <Show when={previewShown()}>
            <section
              id="editor-panel-preview"
              class="editor__preview"
              role={wide() ? undefined : "tabpanel"}
              aria-labelledby="editor-preview-heading"
            >
              <h2 id="editor-preview-heading" class="ds-visually-hidden">
                Preview
              </h2>
              <Preview data={editor.snapshot()} />
            </section>
          </Show>
        </div>
        <div class="ds-visually-hidden" role="status" aria-live="polite">
          {announcement()}
        </div>
        <VersionHistory open={historyOpen()} onOpenChange={setHistoryOpen} />
        <SharePanel open={shareOpen()} onOpenChange={setShareOpen} plan={props.user.plan} />
      </div>
    </EditorContext.Provider>
  );
}
