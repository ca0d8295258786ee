import { type JSX, Show } from "solid-js";
import { DateField } from "./DateField";
import { type Codec, FieldNotes, syncControl } from "./field-parts";
import { RichTextField } from "./RichTextField";
import type { FieldKind } from "./sections";
import { WritingHelp } from "./WritingHelp";

const asText = (value: unknown) => (typeof value === "string" ? value : "");
const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
/** An emptied field is left out of the document rather than stored as "" or []. */
const orUndefined = <T,>(value: T, empty: boolean) => (empty ? undefined : value);

const CODECS: Record<"text" | "lines" | "tags", Codec> = {
  text: { parse: (text) => orUndefined(text, text === ""), format: asText },
  lines: {
    parse: (text) => {
      const items = text.split("\n").filter((line) => line.trim() !== "");
      return orUndefined(items, items.length === 0);
    },
    format: (value) => asList(value).join("\n"),
  },
  tags: {
    parse: (text) => {
      const items = text
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
      return orUndefined(items, items.length === 0);
    },
    format: (value) => asList(value).join(", "),
  },
};

const codecOf = (kind: FieldKind): Codec =>
  kind === "lines" ? CODECS.lines : kind === "tags" ? CODECS.tags : CODECS.text;

export interface FieldProps {
  id: string;
  label: string;
  kind: FieldKind;
  value: unknown;
  onValue: (value: unknown) => void;
  help?: string;
  error?: string;
  autocomplete?: JSX.InputHTMLAttributes<HTMLInputElement>["autocomplete"];
  /** Writing help for each line (achievement bullets). */
  assist?: "bullet";
}

const INPUT_TYPES: Partial<Record<FieldKind, string>> = { url: "url", email: "email", tel: "tel" };

/** One labelled field of the editor, with its help and error read along with it. */
export function Field(props: FieldProps) {
  const codec = codecOf(props.kind);
  const describedBy = () =>
    [props.help ? `${props.id}-help` : "", props.error ? `${props.id}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const onInput = (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
    props.onValue(codec.parse(event.currentTarget.value));

  if (props.kind === "date" || props.kind === "end-date") {
    return (
      <DateField
        id={props.id}
        label={props.label}
        value={props.value}
        onValue={props.onValue}
        help={props.help}
        error={props.error}
        ongoing={props.kind === "end-date"}
      />
    );
  }

  if (props.kind === "rich") {
    return (
      <RichTextField
        id={props.id}
        label={props.label}
        value={asText(props.value)}
        onValue={(text) => props.onValue(CODECS.text.parse(text))}
        help={props.help}
        error={props.error}
      />
    );
  }

  let control: HTMLInputElement | HTMLTextAreaElement | undefined;
  syncControl(
    () => control,
    () => props.value,
    codec,
  );
  const common = {
    id: props.id,
    class: "ds-field__control",
    // resume text may be in any script: each field takes the direction of what is typed
    dir: "auto" as const,
    "aria-describedby": describedBy(),
    "aria-invalid": props.error ? ("true" as const) : undefined,
    onInput,
  };
  return (
    <div class="ds-field editor-field" classList={{ "editor-field--wide": props.kind === "lines" }}>
      <label class="ds-field__label" for={props.id}>
        {props.label}
      </label>
      <Show
        when={props.kind === "lines"}
        fallback={
          <input
            ref={(element) => {
              control = element;
            }}
            {...common}
            type={INPUT_TYPES[props.kind] ?? "text"}
            autocomplete={props.autocomplete ?? "off"}
          />
        }
      >
        <textarea
          ref={(element) => {
            control = element;
          }}
          {...common}
          rows={3}
          class="ds-field__control ds-field__control--multiline"
        />
        <Show when={props.assist}>
          <WritingHelp
            kind="bullet"
            fieldId={props.id}
            field={() => control as HTMLTextAreaElement | undefined}
            onApply={(text) => props.onValue(CODECS.lines.parse(text))}
          />
        </Show>
      </Show>
      <FieldNotes id={props.id} help={props.help} error={props.error} />
    </div>
  );
}
