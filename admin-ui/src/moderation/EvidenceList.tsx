import { For, Show } from "solid-js";
import type { EvidenceField } from "./evidence-fields";
import type { Segment } from "./highlight";

/** Segments with `<mark>`s; each mark says what it is for screen readers and on hover. */
export function MarkedText(props: { segments: Segment[] }) {
  return (
    <For each={props.segments}>
      {(segment) =>
        segment.marked ? (
          <mark class="moderation-mark" title={segment.labels.join("; ") || undefined}>
            {segment.text}
            <Show when={segment.labels.length > 0}>
              <span class="ds-visually-hidden"> ({segment.labels.join("; ")})</span>
            </Show>
          </mark>
        ) : (
          segment.text
        )
      }
    </For>
  );
}

/**
 * The fields where signals matched, the matches marked. Personal data shows only as the
 * stored masked excerpt; the rendered page below shows what the public saw.
 */
export function EvidenceList(props: { fields: EvidenceField[] }) {
  return (
    <Show
      when={props.fields.length > 0}
      fallback={<p class="ds-muted">No signal pointed at a particular place in the text.</p>}
    >
      <dl class="moderation-evidence">
        <For each={props.fields}>
          {(field) => (
            <div>
              <dt class="ds-mono">
                {field.path}
                <Show when={!field.inDocument}>
                  <span class="ds-muted"> (not in the checked text: excerpts only)</span>
                </Show>
              </dt>
              <dd>
                <MarkedText segments={field.segments} />
              </dd>
            </div>
          )}
        </For>
      </dl>
    </Show>
  );
}
