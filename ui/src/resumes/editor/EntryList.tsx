import { createSignal, For, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import {
  addEntry,
  type Entry,
  entriesOf,
  type ListRef,
  moveEntry,
  removeEntry,
  setEntryHidden,
  updateEntry,
} from "../document";
import { useEditor } from "./editor-state";
import { Field } from "./fields";
import { ItemControls } from "./ItemControls";
import { announce, dropTarget, keepFocus, moveKey } from "./reorder";
import { entryLabel, fieldPath, specOf } from "./sections";

const domId = (value: string) => value.replace(/[^a-zA-Z0-9_-]/g, "-");

/**
 * Any list of entries — positions, schools, skills, profiles, a custom section's items —
 * from its field descriptors: add, edit, hide, remove, and reorder by drag, buttons or
 * Alt+Arrow, each move announced.
 */
export function EntryList(props: { list: ListRef; sectionTitle: string; customIndex?: number }) {
  const editor = useEditor();
  const spec = specOf(props.list);
  const entries = () => entriesOf(editor.doc, props.list);
  // new entries open; a long list starts folded so the page stays scannable
  const [open, setOpen] = createSignal<Set<string>>(
    new Set(entries().length <= 3 ? entries().map((entry) => String(entry.id)) : []),
  );
  let addButton: HTMLButtonElement | undefined;

  const move = (entry: Entry, to: number) => {
    const id = String(entry.id);
    keepFocus(
      () => {
        let result = { index: 0, count: 0 };
        editor.edit((doc) => {
          const moved = moveEntry(doc, props.list, id, to);
          result = moved;
          return moved.doc;
        });
        announce(
          `${entryLabel(spec, entry)} moved to position ${result.index + 1} of ${result.count} in ${props.sectionTitle}`,
        );
      },
      () => `${domId(props.list)}-${id}-${to <= 0 ? "down" : "up"}`,
    );
  };

  const add = () => {
    let id = "";
    editor.edit((doc) => {
      const added = addEntry(doc, props.list);
      id = added.id;
      return added.doc;
    });
    if (!id) return;
    setOpen(new Set([...open(), id]));
    requestAnimationFrame(() =>
      document.getElementById(`${domId(props.list)}-${id}-${spec.fields[0]?.key}`)?.focus(),
    );
  };

  return (
    <div class="entry-list">
      <ol class="entry-list__items">
        <For each={entries()}>
          {(entry, index) => {
            const id = String(entry.id);
            const prefix = `${domId(props.list)}-${id}`;
            const name = () => entryLabel(spec, entry);
            const expanded = () => open().has(id);
            const [over, setOver] = createSignal(false);
            let item: HTMLLIElement | undefined;
            const toggle = () => {
              const next = new Set(open());
              if (next.has(id)) next.delete(id);
              else next.add(id);
              setOpen(next);
            };
            return (
              <li
                ref={item}
                class="entry"
                classList={{ "entry--hidden": Boolean(entry.hidden), "is-drop-target": over() }}
                {...dropTarget(props.list, index, (_from, to) => move(entry, to), setOver)}
              >
                <fieldset
                  class="entry__fieldset"
                  onKeyDown={(event) => {
                    const delta = moveKey(event);
                    if (!delta) return;
                    event.preventDefault();
                    move(entry, index() + delta);
                  }}
                >
                  <legend class="entry__legend">
                    {spec.noun[0]?.toUpperCase()}
                    {spec.noun.slice(1)} {index() + 1}: {name()}
                    <Show when={entry.hidden}> (hidden)</Show>
                  </legend>
                  <div class="entry__bar">
                    <button
                      type="button"
                      class="entry__toggle"
                      aria-expanded={expanded()}
                      aria-controls={`${prefix}-fields`}
                      onClick={toggle}
                    >
                      {expanded() ? "Fold" : "Edit"}
                      <span class="ds-visually-hidden"> {name()}</span>
                    </button>
                    <ItemControls
                      idPrefix={prefix}
                      name={name()}
                      index={index()}
                      count={entries().length}
                      onMove={(to) => move(entry, to)}
                      hidden={entry.hidden}
                      onHiddenChange={(hidden) => {
                        editor.edit((doc) => setEntryHidden(doc, props.list, id, hidden));
                        announce(`${name()} ${hidden ? "hidden on" : "shown on"} the resume`);
                      }}
                      onRemove={() => {
                        const label = name();
                        editor.edit((doc) => removeEntry(doc, props.list, id));
                        announce(`${label} removed. Undo with Ctrl+Z.`);
                        addButton?.focus();
                      }}
                      group={props.list}
                      item={() => item}
                    />
                  </div>
                  <div id={`${prefix}-fields`} class="entry__fields" hidden={!expanded()}>
                    <For each={spec.fields}>
                      {(field) => (
                        <Field
                          id={`${prefix}-${field.key}`}
                          label={field.label}
                          kind={field.kind}
                          help={field.help}
                          assist={field.assist}
                          value={entry[field.key]}
                          error={editor
                            .errors()
                            .get(fieldPath(props.list, props.customIndex ?? 0, index(), field.key))}
                          onValue={(value) =>
                            editor.edit(
                              (doc) => updateEntry(doc, props.list, id, { [field.key]: value }),
                              `${props.list}.${id}.${field.key}`,
                            )
                          }
                        />
                      )}
                    </For>
                  </div>
                </fieldset>
              </li>
            );
          }}
        </For>
      </ol>
      <Button
        ref={addButton}
        variant="outline"
        size="sm"
        onClick={add}
        aria-label={`Add ${spec.noun} to ${props.sectionTitle}`}
      >
        Add {spec.noun}
      </Button>
    </div>
  );
}
