import { Checkbox as KCheckbox } from "@kobalte/core/checkbox";
import { Show } from "solid-js";
import { Icon } from "../icons/Icon";
import "./checkbox.css";

export interface CheckboxProps {
  label: string;
  checked?: boolean;
  defaultChecked?: boolean;
  onChange?: (checked: boolean) => void;
  name?: string;
  value?: string;
  description?: string;
  disabled?: boolean;
  required?: boolean;
  class?: string;
}

export function Checkbox(props: CheckboxProps) {
  return (
    <KCheckbox
      class={`ds-checkbox ${props.class ?? ""}`}
      checked={props.checked}
      defaultChecked={props.defaultChecked}
      onChange={props.onChange}
      name={props.name}
      value={props.value}
      disabled={props.disabled}
      required={props.required}
    >
      <KCheckbox.Input class="ds-checkbox__input" />
      <KCheckbox.Control class="ds-checkbox__control">
        <KCheckbox.Indicator class="ds-checkbox__indicator">
          <Icon name="check" size={14} />
        </KCheckbox.Indicator>
      </KCheckbox.Control>
      <div class="ds-checkbox__text">
        <KCheckbox.Label class="ds-checkbox__label">{props.label}</KCheckbox.Label>
        <Show when={props.description}>
          <KCheckbox.Description class="ds-field__description">
            {props.description}
          </KCheckbox.Description>
        </Show>
      </div>
    </KCheckbox>
  );
}
