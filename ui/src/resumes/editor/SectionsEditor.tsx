import { createSignal, For, type JSX, Show } from "solid-js";
import { headingFor, SECTION_TITLES } from "~core/resume/layout";
import type { HeadingKey, SectionKey, StandardSection } from "~core/resume/schema";
import { Button } from "~kit/design-system/components/Button";
import {
  addCustomSection,
  isSectionHidden,
  type ListRef,
  moveSection,
  removeCustomSection,
  renameCustomSection,
  sectionOrder,
  setSectionHidden,
} from "../document";
import { BasicsEditor } from "./BasicsEditor";
import { EntryList } from "./EntryList";
import { useEditor } from "./editor-state";
import { Field } from "./fields";
import { ItemControls } from "./ItemControls";
import { ColumnsEditor, HeadingField, shownAs } from "./LayoutPanel";
import { announce, dropTarget, keepFocus, moveKey } from "./reorder";

/** A foldable panel with an h2 button; `controls` sit beside the heading. */
function Panel(props: {
  id: string;
  title: string;
  open: boolean;
  onToggle: () => void;
  controls?: JSX.Element;
  onKeyDown?: (event: KeyboardEvent) => void;
  children: JSX.Element;
}) {
  return (
    <section class="section-panel__section" aria-labelledby={`${props.id}-heading`}>
      <header
        class="section-panel__header"
        ref={(element) => {
          const onKeyDown = props.onKeyDown;
          if (onKeyDown) element.addEventListener("keydown", onKeyDown);
        }}
      >
        <h2 id={`${props.id}-heading`} class="section-panel__title">
          <button
            type="button"
            class="section-panel__toggle"
            aria-expanded={props.open}
            aria-controls={`${props.id}-body`}
            onClick={() => props.onToggle()}
          >
            <span class="section-panel__chevron" aria-hidden="true">
              {props.open ? "▾" : "▸"}
            </span>
            {props.title}
          </button>
        </h2>
        {props.controls}
      </header>
      <div id={`${props.id}-body`} class="section-panel__body" hidden={!props.open}>
        {props.children}
      </div>
    </section>
  );
}

/** Every section of the resume: the profile first, then the movable ones in their order. */
export function SectionsEditor() {
  const editor = useEditor();
  const [open, setOpen] = createSignal<Set<string>>(new Set(["basics"]));
  const toggle = (key: string) => {
    const next = new Set(open());
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };
  const order = () => sectionOrder(editor.doc);
  const customIndex = (key: string) =>
    (editor.doc.customSections ?? []).findIndex((section) => section.id === key);
  const titleOf = (key: SectionKey) =>
    key.startsWith("custom-")
      ? (editor.doc.customSections?.[customIndex(key)]?.title ?? "Custom section")
      : SECTION_TITLES[key as StandardSection];
  /** The panel's name: the editor's, and the resume's own when it calls the section otherwise. */
  const panelTitle = (key: SectionKey) =>
    key.startsWith("custom-")
      ? titleOf(key)
      : shownAs(titleOf(key), headingFor(editor.snapshot(), key as HeadingKey));

  const move = (key: SectionKey, to: number) =>
    keepFocus(
      () => {
        let result = { index: 0, count: 0 };
        editor.edit((doc) => {
          const moved = moveSection(doc, key, to);
          result = moved;
          return moved.doc;
        });
        announce(`${titleOf(key)} moved to position ${result.index + 1} of ${result.count}`);
      },
      () => `section-${key}-${to <= 0 ? "down" : "up"}`,
    );

  const [newTitle, setNewTitle] = createSignal("");
  const addSection = (event: SubmitEvent) => {
    event.preventDefault();
    let id: string | null = null;
    editor.edit((doc) => {
      const added = addCustomSection(doc, newTitle());
      id = added.id;
      return added.doc;
    });
    if (!id) return;
    setNewTitle("");
    setOpen(new Set([...open(), id]));
    announce(`Section ${titleOf(id)} added at the end`);
  };

  return (
    <div class="sections-editor">
      <div class="section-panel">
        <Panel
          id="section-basics"
          title={SECTION_TITLES.basics}
          open={open().has("basics")}
          onToggle={() => toggle("basics")}
        >
          <BasicsEditor />
          <HeadingField heading="summary" idPrefix="section-summary" />
          <HeadingField heading="contact" idPrefix="section-contact" />
        </Panel>
      </div>
      <ColumnsEditor titleOf={titleOf} />
      <ol class="sections-editor__list" aria-label="Sections, in resume order">
        <For each={order()}>
          {(key, index) => {
            const [over, setOver] = createSignal(false);
            let item: HTMLLIElement | undefined;
            const hidden = () => isSectionHidden(editor.doc, key);
            const custom = key.startsWith("custom-");
            return (
              <li
                ref={item}
                class="section-panel"
                classList={{ "section-panel--hidden": hidden(), "is-drop-target": over() }}
                {...dropTarget("sections", index, (_from, to) => move(key, to), setOver)}
              >
                <Panel
                  id={`section-${key}`}
                  title={`${panelTitle(key)}${hidden() ? " (hidden)" : ""}`}
                  open={open().has(key)}
                  onToggle={() => toggle(key)}
                  onKeyDown={(event) => {
                    const delta = moveKey(event);
                    if (!delta) return;
                    event.preventDefault();
                    move(key, index() + delta);
                  }}
                  controls={
                    <ItemControls
                      idPrefix={`section-${key}`}
                      name={`section ${titleOf(key)}`}
                      index={index()}
                      count={order().length}
                      onMove={(to) => move(key, to)}
                      hidden={hidden()}
                      onHiddenChange={(value) => {
                        editor.edit((doc) => setSectionHidden(doc, key, value));
                        announce(`${titleOf(key)} ${value ? "hidden on" : "shown on"} the resume`);
                      }}
                      onRemove={
                        custom
                          ? () => {
                              const title = titleOf(key);
                              editor.edit((doc) => removeCustomSection(doc, key));
                              announce(`Section ${title} removed. Undo with Ctrl+Z.`);
                            }
                          : undefined
                      }
                      group="sections"
                      item={() => item}
                    />
                  }
                >
                  <Show when={!custom}>
                    <HeadingField heading={key as HeadingKey} idPrefix={`section-${key}`} />
                  </Show>
                  <Show when={custom}>
                    <Field
                      id={`section-${key}-title`}
                      label="Section title"
                      kind="text"
                      value={titleOf(key)}
                      error={editor.errors().get(`customSections.${customIndex(key)}.title`)}
                      onValue={(value) =>
                        editor.edit(
                          (doc) => renameCustomSection(doc, key, String(value ?? "")),
                          `${key}.title`,
                        )
                      }
                    />
                  </Show>
                  <EntryList
                    list={key as ListRef}
                    sectionTitle={titleOf(key)}
                    customIndex={customIndex(key)}
                  />
                </Panel>
              </li>
            );
          }}
        </For>
      </ol>
      <form class="sections-editor__add" onSubmit={addSection}>
        <div class="ds-field">
          <label class="ds-field__label" for="new-section-title">
            New section
          </label>
          <input
            id="new-section-title"
            class="ds-field__control"
            placeholder="e.g. Speaking, Patents"
            maxLength={200}
            value={newTitle()}
            onInput={(event) => setNewTitle(event.currentTarget.value)}
          />
        </div>
        <Button type="submit" variant="outline" disabled={!newTitle().trim()}>
          Add section
        </Button>
      </form>
    </div>
  );
}
