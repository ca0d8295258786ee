import { TextField as KTextField } from "@kobalte/core/text-field";
import { Show } from "solid-js";
import "./field.css";

export interface TextareaProps {
  label: string;
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  name?: string;
  placeholder?: string;
  description?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  /** Grows with its content instead of scrolling. */
  autoResize?: boolean;
  rows?: number;
  class?: string;
}

export function Textarea(props: TextareaProps) {
  return (
    <KTextField
      class={`ds-field ${props.class ?? ""}`}
      value={props.value}
      defaultValue={props.defaultValue}
      onChange={props.onChange}
      name={props.name}
      required={props.required}
      disabled={props.disabled}
      validationState={props.error ? "invalid" : "valid"}
    >
      <KTextField.Label class="ds-field__label">{props.label}</KTextField.Label>
      <KTextField.TextArea
        class="ds-field__control ds-field__control--multiline"
        placeholder={props.placeholder}
        autoResize={props.autoResize}
        rows={props.rows ?? 4}
      />
      <Show when={props.description}>
        <KTextField.Description class="ds-field__description">
          {props.description}
        </KTextField.Description>
      </Show>
      {/* always present as a polite live region, so a new message is announced */}
      <KTextField.ErrorMessage class="ds-field__error" forceMount aria-live="polite">
        {props.error}
      </KTextField.ErrorMessage>
    </KTextField>
  );
}
