import { TextField as KTextField } from "@kobalte/core/text-field";
import { type JSX, Show, splitProps } from "solid-js";
import "./field.css";

export interface TextFieldProps {
  /** Visible label; every field has one (WCAG 1.3.1, 3.3.2). */
  label: string;
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  name?: string;
  type?: "text" | "email" | "password" | "search" | "url" | "tel" | "number";
  placeholder?: string;
  autocomplete?: JSX.InputHTMLAttributes<HTMLInputElement>["autocomplete"];
  description?: string;
  /** An error message marks the field invalid and is announced with it. */
  error?: string;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  class?: string;
  ref?: (el: HTMLInputElement) => void;
}

export function TextField(props: TextFieldProps) {
  const [input, root] = splitProps(props, ["type", "placeholder", "autocomplete", "ref"]);
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
        type={input.type ?? "text"}
        placeholder={input.placeholder}
        autocomplete={input.autocomplete}
        ref={input.ref}
      />
      <Show when={root.description}>
        <KTextField.Description class="ds-field__description">
          {root.description}
        </KTextField.Description>
      </Show>
      <KTextField.ErrorMessage class="ds-field__error">{root.error}</KTextField.ErrorMessage>
    </KTextField>
  );
}
