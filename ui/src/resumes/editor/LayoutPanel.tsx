/**
 * Layout controls beside the section list (README "Layout, headings and language"): a
 * heading's own name, the two columns of a two-column template, and the document's language
 * and direction. Every change goes through `editor.edit`, so undo, redo and autosave see it.
 */
import { createSignal, For, Show } from "solid-js";
import {
  defaultHeading,
  documentLanguage,
  HEADING_LANGUAGES,
  type HeadingLanguage,
  languageDirection,
} from "~core/resume/headings";
import { SECTION_TITLES } from "~core/resume/layout";
import type { HeadingKey, SectionKey, TextDirection } from "~core/resume/schema";
import { resolveDocumentStyle, templateInfo } from "~core/templates/index";
import { Button } from "~kit/design-system/components/Button";
import { sectionOrder } from "../document";
import { setDirection, setHeadingTitle, setInSideColumn, setLanguage } from "../layout-edits";
import { useEditor } from "./editor-state";
import { Field } from "./fields";
import { announce, dragHandle, dropTarget } from "./reorder";

/** The name the editor gives a heading, in English whatever the document's language. */
export const editorHeadingName = (key: HeadingKey) =>
  key === "summary" ? "Summary" : key === "contact" ? "Contact" : SECTION_TITLES[key];

/** "Rename heading" for one built-in heading, with its default as the placeholder. */
export function HeadingField(props: { heading: HeadingKey; idPrefix: string }) {
  const editor = useEditor();
  const renamed = () => editor.doc.meta?.layout?.titles?.[props.heading] ?? "";
  const fallback = () => defaultHeading(props.heading, documentLanguage(editor.snapshot()));
  const name = () => editorHeadingName(props.heading);
  return (
    <div class="heading-field">
      <Field
        id={`${props.idPrefix}-heading-name`}
        label="Rename heading"
        kind="text"
        value={renamed()}
        help={`Shown on the resume instead of “${fallback()}”. Leave empty for the default.`}
        error={editor.errors().get(`meta.layout.titles.${props.heading}`)}
        onValue={(value) =>
          editor.edit(
            (doc) => setHeadingTitle(doc, props.heading, String(value ?? "")),
            `heading.${props.heading}`,
          )
        }
      />
      <Button
        variant="outline"
        size="sm"
        // aria-disabled keeps focus on the button after a reset, so leaving it still saves
        aria-disabled={!renamed()}
        aria-label={`Reset the ${name()} heading to default`}
        onClick={() => {
          if (!renamed()) return;
          editor.edit((doc) => setHeadingTitle(doc, props.heading, ""));
          announce(`${name()} heading reset to “${fallback()}”`);
        }}
      >
        Reset to default
      </Button>
    </div>
  );
}

/** "Experience — shown as Berufserfahrung" when the resume calls a section otherwise. */
export function shownAs(editorName: string, shown: string): string {
  return shown && shown !== editorName ? `${editorName} — shown as ${shown}` : editorName;
}

/**
 * The main and side columns of a two-column template: drag a section from one to the other,
 * or use its "Move to … column" button; the new placement is announced.
 */
export function ColumnsEditor(props: { titleOf: (key: SectionKey) => string }) {
  const editor = useEditor();
  const template = () => templateInfo(resolveDocumentStyle(editor.snapshot()).template);
  const templateSide = () => template().side ?? [];
  const order = () => sectionOrder(editor.doc);
  const inSide = (key: SectionKey) =>
    (editor.doc.meta?.layout?.side ?? templateSide()).includes(key);

  const place = (key: SectionKey, side: boolean) => {
    editor.edit((doc) => setInSideColumn(doc, key, side, templateSide()));
    announce(`${props.titleOf(key)} moved to the ${side ? "side" : "main"} column`);
  };

  function Column(columnProps: { side: boolean; label: string }) {
    const [over, setOver] = createSignal(false);
    const keys = () => order().filter((key) => inSide(key) === columnProps.side);
    const drop = dropTarget(
      "columns",
      () => -1,
      (from) => {
        const key = order()[from];
        if (key && inSide(key) !== columnProps.side) place(key, columnProps.side);
      },
      setOver,
    );
    const id = `layout-column-${columnProps.side ? "side" : "main"}`;
    return (
      <section
        class="layout-columns__column"
        classList={{ "is-drop-target": over() }}
        aria-labelledby={`${id}-title`}
        data-column={columnProps.side ? "side" : "main"}
        {...drop}
      >
        <h3 id={`${id}-title`} class="layout-columns__title">
          {columnProps.label}
        </h3>
        <ul class="layout-columns__list">
          <For each={keys()} fallback={<li class="ds-muted">Nothing here yet</li>}>
            {(key) => {
              let item: HTMLLIElement | undefined;
              const drag = dragHandle(
                "columns",
                () => order().indexOf(key),
                () => item,
              );
              return (
                <li ref={item} class="layout-columns__item" data-section={key} {...drag}>
                  <span class="layout-columns__handle" aria-hidden="true">
                    ⠿
                  </span>
                  <span class="layout-columns__name">{props.titleOf(key)}</span>
                  <button
                    type="button"
                    class="item-controls__button item-controls__button--text"
                    aria-label={`Move to ${columnProps.side ? "main" : "side"} column: ${props.titleOf(key)}`}
                    onClick={() => place(key, !columnProps.side)}
                  >
                    Move to {columnProps.side ? "main" : "side"} column
                  </button>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    );
  }

  return (
    <Show when={template().columns === 2}>
      <fieldset class="editor-group layout-columns">
        <legend>Columns of {template().name}</legend>
        <p class="ds-muted">
          Drag a section to the other column, or use its button. The order within each column
          follows the section list below.
        </p>
        <div class="layout-columns__grid">
          <Column side={false} label="Main column" />
          <Column side={true} label="Side column" />
        </div>
      </fieldset>
    </Show>
  );
}

const OTHER = "other";
const LANGUAGE_CODES = Object.keys(HEADING_LANGUAGES) as HeadingLanguage[];

/** The document's language (headings and dates follow it) and its writing direction. */
export function LanguageFields() {
  const editor = useEditor();
  const stored = () => editor.doc.meta?.language ?? "";
  const listed = () => LANGUAGE_CODES.includes(stored() as HeadingLanguage);
  const [other, setOther] = createSignal(!listed() && stored() !== "");
  const choice = () => (other() || (!listed() && stored()) ? OTHER : stored() || "en");
  const direction = () => editor.doc.meta?.direction ?? "";
  // what "Auto" means for this document: its language's direction
  const auto = () => languageDirection(documentLanguage(editor.snapshot()));

  return (
    <fieldset class="editor-group style-panel__grid">
      <legend>Language</legend>
      <div class="ds-field">
        <label class="ds-field__label" for="document-language">
          Resume language
        </label>
        <select
          id="document-language"
          class="ds-field__control"
          value={choice()}
          aria-describedby="document-language-help"
          onChange={(event) => {
            const value = event.currentTarget.value;
            setOther(value === OTHER);
            if (value !== OTHER)
              editor.edit((doc) => setLanguage(doc, value === "en" ? "" : value));
          }}
        >
          <For each={LANGUAGE_CODES}>
            {(code) => <option value={code}>{HEADING_LANGUAGES[code].name}</option>}
          </For>
          <option value={OTHER}>Other (BCP 47 code)</option>
        </select>
        <p id="document-language-help" class="ds-field__description">
          Default headings and dates follow it.
        </p>
      </div>
      <Show when={choice() === OTHER}>
        <Field
          id="document-language-code"
          label="Language code"
          kind="text"
          value={stored()}
          help="For example nl, pl, he or zh-Hant. Headings stay in English for languages not listed."
          error={editor.errors().get("meta.language")}
          onValue={(value) =>
            editor.edit((doc) => setLanguage(doc, String(value ?? "")), "meta.language")
          }
        />
      </Show>
      <div class="ds-field">
        <label class="ds-field__label" for="document-direction">
          Text direction
        </label>
        <select
          id="document-direction"
          class="ds-field__control"
          value={direction()}
          onChange={(event) => {
            const value = event.currentTarget.value as TextDirection | "";
            editor.edit((doc) => setDirection(doc, value || undefined));
          }}
        >
          <option value="">Auto ({auto() === "rtl" ? "right to left" : "left to right"})</option>
          <option value="ltr">Left to right</option>
          <option value="rtl">Right to left</option>
        </select>
      </div>
    </fieldset>
  );
}
