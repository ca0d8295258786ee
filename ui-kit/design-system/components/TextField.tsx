import { TextField as KTextField } from "@kobalte/core/text-field";
import { type JSX, Show, splitProps } from "solid-js";
import "./field.css";

export interface TextFieldProps {
  /** Visible label; every field has one (WCAG 1.3.1, 3.3.2). */
  label: string;
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  /** The input's id, e.g. for an error summary to link to. */
  id?: string;
  name?: string;
  type?: "text" | "email" | "password" | "search" | "url" | "tel" | "number";
  placeholder?: string;
  autocomplete?: JSX.InputHTMLAttributes<HTMLInputElement>["autocomplete"];
  inputMode?: JSX.InputHTMLAttributes<HTMLInputElement>["inputMode"];
  maxLength?: number;
  /** Help under the field, read with it (aria-describedby); may hold markup, e.g. a list. */
  description?: JSX.Element;
  /** An error message marks the field invalid and is announced with it. */
  error?: string;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  class?: string;
  ref?: (el: HTMLInputElement) => void;
  onBlur?: (event: FocusEvent) => void;
}

export function TextField(props: TextFieldProps) {
  const [input, root] = splitProps(props, [
    "id",
    "type",
    "placeholder",
    "autocomplete",
    "inputMode",
    "maxLength",
    "ref",
    "onBlur",
  ]);
  return (
    <KTextField
      class={`ds-field ${root.class ?? ""}`}
      value={root.value}
      defaultValue={root.defaultValue}
      onChange={root.onChange}
      name={root.name}
      required={root.required}
      disabled={root.disabled}
      readOnly={root.readOnly}
      validationState={root.error ? "invalid" : "valid"}
    >
      <KTextField.Label class="ds-field__label">{root.label}</KTextField.Label>
      <KTextField.Input
        class="ds-field__control"
        id={input.id}
        type={input.type ?? "text"}
        placeholder={input.placeholder}
        autocomplete={input.autocomplete}
        inputMode={input.inputMode}
        maxLength={input.maxLength}
        ref={input.ref}
        onBlur={input.onBlur}
      />
      <Show when={root.description}>
        <KTextField.Description class="ds-field__description">
          {root.description}
        </KTextField.Description>
      </Show>
      <FieldError message={root.error} />
    </KTextField>
  );
}

/**
 * The error under a field. Always in the page as a polite live region, so a message that
 * appears or changes while someone edits is announced; Kobalte links it to the control
 * with aria-describedby while the field is invalid.
 */
function FieldError(props: { message?: string }) {
  return (
    <KTextField.ErrorMessage class="ds-field__error" forceMount aria-live="polite">
      {props.message}
    </KTextField.ErrorMessage>
  );
}
