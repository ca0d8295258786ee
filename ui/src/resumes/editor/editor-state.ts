import { createContext, createSignal, onCleanup, useContext } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { saveResume } from "~/api/resumes";
import { api } from "~/auth/session";
import type { Resume } from "~core/contract/resumes";
import { type ResumeData, resumeDataSchema } from "~core/resume/schema";
import { ApiError } from "~kit/api/envelope";
import { Autosave, type SaveFailure, type SaveState } from "../autosave";
import { ensureIds } from "../document";
import { DocumentHistory } from "../history";
import { forgetLocalCopy, keepLocalCopy } from "./local-copy";

/** What autosave sends: the title and the document, one object per change. */
export interface Draft {
  title: string;
  data: ResumeData;
}

export type FieldErrors = Map<string, string>;

function validationErrors(data: ResumeData): FieldErrors {
  const errors: FieldErrors = new Map();
  const result = resumeDataSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.join(".");
      if (!errors.has(key)) errors.set(key, issue.message);
    }
  }
  return errors;
}

/**
 * One open resume: the undo history of document states, a Solid store mirroring the
 * current state (reconciled by entry id, so an entry's inputs stay put while others move),
 * and the autosave. Every edit goes through `edit`; a read-only resume (beyond the plan's
 * count) takes none, so nothing is ever sent for it.
 */
export function createEditorState(resume: Resume) {
  const initial = ensureIds(resume.data);
  const history = new DocumentHistory<ResumeData>(initial);
  // the store owns its own copy: reconcile writes into it, the history's states stay frozen
  const [doc, setDoc] = createStore<ResumeData>(structuredClone(initial));
  const [snapshot, setSnapshot] = createSignal<ResumeData>(initial);
  const [title, setTitleSignal] = createSignal(resume.title);
  const [canUndo, setCanUndo] = createSignal(false);
  const [canRedo, setCanRedo] = createSignal(false);
  const [saveState, setSaveState] = createSignal<SaveState>("saved");
  const [failure, setFailure] = createSignal<SaveFailure | undefined>();
  const [errors, setErrors] = createSignal<FieldErrors>(validationErrors(initial));
  const [resumeId] = createSignal(resume.id);
  const readOnly = resume.read_only;

  let draft: Draft = { title: resume.title, data: initial };
  const autosave = new Autosave<Draft>(draft, resume.version, {
    save: async (next, version) => {
      const saved = await saveResume(api, resume.id, version, next);
      return { version: saved.version };
    },
    isValid: (next) => errors().size === 0 && next.title.trim() !== "",
    onState: (state, detail) => {
      setSaveState(state);
      setFailure(detail);
    },
    keepLocal: (copy) =>
      copy ? keepLocalCopy(resume.id, copy.doc, copy.version) : forgetLocalCopy(resume.id),
  });

  const publish = (next: ResumeData) => {
    // autosave learns of the change first: a save that UI updates set off (a focusout) sends it
    draft = { title: draft.title, data: next };
    setErrors(validationErrors(next));
    autosave.change(draft);
    setSnapshot(next);
    setDoc(reconcile(structuredClone(next), { key: "id", merge: false }));
    setCanUndo(history.canUndo);
    setCanRedo(history.canRedo);
  };

  const onOnline = () => void autosave.online();
  const onHidden = () => {
    if (document.visibilityState === "hidden") void autosave.flush();
  };
  window.addEventListener("online", onOnline);
  document.addEventListener("visibilitychange", onHidden);
  window.addEventListener("pagehide", onHidden);
  onCleanup(() => {
    window.removeEventListener("online", onOnline);
    document.removeEventListener("visibilitychange", onHidden);
    window.removeEventListener("pagehide", onHidden);
    // leaving the editor: whatever waits goes out now
    void autosave.flush().finally(() => autosave.dispose());
  });

  return {
    id: resumeId,
    /** The current document as a store (read it in JSX). */
    doc,
    /** The current document as an immutable value (for rendering and saving). */
    snapshot,
    title,
    canUndo,
    canRedo,
    saveState,
    failure,
    errors,
    version: () => autosave.version,
    readOnly,
    /**
     * Applies an edit; `mergeKey` (usually the field's path) lets quick successive edits of
     * one field undo as one step.
     */
    edit(change: (current: ResumeData) => ResumeData, mergeKey?: string) {
      if (readOnly) return;
      const next = change(history.current);
      if (history.apply(next, mergeKey)) publish(next);
    },
    undo() {
      const previous = history.undo();
      if (previous !== undefined) publish(previous);
    },
    redo() {
      const next = history.redo();
      if (next !== undefined) publish(next);
    },
    setTitle(next: string) {
      if (readOnly) return;
      setTitleSignal(next);
      draft = { title: next, data: draft.data };
      autosave.change(draft);
    },
    save: () => autosave.flush(),
    overwrite() {
      const current = (failure()?.details as { current_version?: number } | null)?.current_version;
      if (typeof current === "number") void autosave.overwrite(current);
    },
    /** Replaces everything with a resume fetched from the server (reload, restored version). */
    load(fresh: Resume) {
      const data = ensureIds(fresh.data);
      history.reset(data);
      setTitleSignal(fresh.title);
      draft = { title: fresh.title, data };
      autosave.reset(draft, fresh.version);
      setSnapshot(data);
      setDoc(reconcile(structuredClone(data), { key: "id", merge: false }));
      setCanUndo(false);
      setCanRedo(false);
      setErrors(validationErrors(data));
    },
    /** Picks up unsaved changes kept on this device from an earlier visit. */
    recover(data: ResumeData) {
      if (readOnly) return;
      const next = ensureIds(data);
      if (history.apply(next)) publish(next);
    },
  };
}

export type EditorState = ReturnType<typeof createEditorState>;

export const EditorContext = createContext<EditorState>();

export function useEditor(): EditorState {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error("useEditor outside the resume editor");
  return editor;
}

export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;
