import { createEffect, Show } from "solid-js";

/** How a field's text maps to the document's value and back. */
export interface Codec {
  parse: (text: string) => unknown;
  format: (value: unknown) => string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Keeps a control showing the document's value without fighting the person typing: the
 * control's text is replaced only when it no longer means the current value (after undo,
 * a restored version), so a trailing comma or newline being typed survives.
 */
export function syncControl(
  element: () => HTMLInputElement | HTMLTextAreaElement | undefined,
  value: () => unknown,
  codec: Codec,
): void {
  createEffect(() => {
    const current = value();
    const control = element();
    if (control && !same(codec.parse(control.value), current))
      control.value = codec.format(current);
  });
}

/** Help and error under a field; the error is a polite live region so a new one is heard. */
export function FieldNotes(props: { id: string; help?: string; error?: string }) {
  return (
    <>
      <Show when={props.help}>
        <span id={`${props.id}-help`} class="ds-field__description">
          {props.help}
        </span>
      </Show>
      <span id={`${props.id}-error`} class="ds-field__error" aria-live="polite">
        {props.error}
      </span>
    </>
  );
}
