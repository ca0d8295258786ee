import { createSignal, Show } from "solid-js";
import { isPresent, monthInputValue, parseDateText } from "./dates";
import "./date-field.css";
import { type Codec, FieldNotes, syncControl } from "./field-parts";

const monthPickerWorks = (() => {
  const probe = document.createElement("input");
  probe.type = "month";
  return probe.type === "month";
})();

const asText = (value: unknown) => (typeof value === "string" ? value : "");
const MONTH: Codec = { parse: parseDateText, format: (value) => monthInputValue(value) ?? "" };
const TEXT: Codec = { parse: parseDateText, format: asText };

/**
 * A start or end date: a month picker, or text for what a month cannot say (a year alone) and
 * in browsers without the picker. `ongoing` adds the "Present" checkbox of an end date: ticked
 * it stores no end date (how the document says present) and disables the date; unticked it
 * brings back the date it cleared.
 */
export function DateField(props: {
  id: string;
  label: string;
  value: unknown;
  onValue: (value: unknown) => void;
  help?: string;
  error?: string;
  ongoing?: boolean;
}) {
  const [typed, setTyped] = createSignal(
    !monthPickerWorks || monthInputValue(props.value) === null,
  );
  // unticking "Present" opens the end date even before one is entered
  const [reopened, setReopened] = createSignal(false);
  let cleared: unknown;
  const present = () => Boolean(props.ongoing) && isPresent(props.value) && !reopened();

  let control: HTMLInputElement | undefined;
  const codec = () => (typed() ? TEXT : MONTH);
  // reads `typed` too, so the text is rewritten in the new form when the control changes kind
  syncControl(
    () => control,
    () => props.value,
    { parse: (text) => codec().parse(text), format: (value) => codec().format(value) },
  );

  const describedBy = () =>
    [typed() && props.help ? `${props.id}-help` : "", props.error ? `${props.id}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;

  const setPresent = (value: boolean) => {
    if (value) {
      cleared = props.value;
      setReopened(false);
      props.onValue(undefined);
      return;
    }
    setReopened(true);
    if (!isPresent(cleared)) props.onValue(cleared);
    queueMicrotask(() => control?.focus());
  };

  return (
    <div class="ds-field editor-field editor-date">
      <label class="ds-field__label" for={props.id}>
        {props.label}
      </label>
      <div class="editor-date__row">
        <input
          ref={(element) => {
            control = element;
          }}
          id={props.id}
          class="ds-field__control"
          type={typed() ? "text" : "month"}
          inputmode={typed() ? "numeric" : undefined}
          placeholder="2021-06"
          autocomplete="off"
          aria-describedby={describedBy()}
          aria-invalid={props.error ? "true" : undefined}
          disabled={present()}
          onInput={(event) => {
            const value = codec().parse(event.currentTarget.value);
            // an end date emptied while typing stays open: "Present" is not ticked under the
            // cursor (a month picker also reads empty until its month and year are both set)
            setReopened(value === undefined);
            props.onValue(value);
          }}
        />
        <Show when={props.ongoing}>
          <label class="editor-date__present">
            <input
              type="checkbox"
              id={`${props.id}-present`}
              checked={present()}
              onChange={(event) => setPresent(event.currentTarget.checked)}
            />
            Present
          </label>
        </Show>
      </div>
      <Show when={monthPickerWorks}>
        <button
          type="button"
          class="editor-date__mode"
          aria-controls={props.id}
          onClick={() => setTyped(!typed())}
        >
          {typed() ? "Pick a month" : "Type the date (a year alone, an exact day)"}
        </button>
      </Show>
      <FieldNotes id={props.id} help={typed() ? props.help : undefined} error={props.error} />
    </div>
  );
}
