import { For, Show } from "solid-js";
import type { ChangeKind, SectionDiff } from "~core/resume/version-diff";

const KIND: Record<ChangeKind, string> = {
  added: "added",
  removed: "removed",
  changed: "changed",
};

/**
 * The changes from a saved version to the resume now, by section, entry and field, with the
 * words that differ marked (struck through: only in the version; underlined: only now), so
 * the person sees what a restore would undo before doing it.
 */
export function VersionDiff(props: { sections: SectionDiff[] }) {
  return (
    <Show
      when={props.sections.length > 0}
      fallback={<p class="ds-muted">This version is the same as the resume now.</p>}
    >
      <div class="version-diff">
        <For each={props.sections}>
          {(section) => (
            <section class="version-diff__section">
              <h4>{section.title}</h4>
              <For each={section.entries}>
                {(entry) => (
                  <div class="version-diff__entry">
                    <Show when={entry.entry}>
                      <p class="version-diff__entry-title">
                        {entry.entry} <span class="ds-muted">({KIND[entry.change]})</span>
                      </p>
                    </Show>
                    <dl>
                      <For each={entry.fields}>
                        {(field) => (
                          <>
                            <dt>
                              {field.field} <span class="ds-muted">({KIND[field.change]})</span>
                            </dt>
                            <dd class="version-diff__text">
                              <For each={field.parts}>
                                {(part) =>
                                  part.change === "added" ? (
                                    <ins>{part.text}</ins>
                                  ) : part.change === "removed" ? (
                                    <del>{part.text}</del>
                                  ) : (
                                    <span>{part.text}</span>
                                  )
                                }
                              </For>
                            </dd>
                          </>
                        )}
                      </For>
                    </dl>
                  </div>
                )}
              </For>
            </section>
          )}
        </For>
      </div>
    </Show>
  );
}
