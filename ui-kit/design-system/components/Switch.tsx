import { Switch as KSwitch } from "@kobalte/core/switch";
import { Show } from "solid-js";
import "./switch.css";

export interface SwitchProps {
  label: string;
  checked?: boolean;
  defaultChecked?: boolean;
  onChange?: (checked: boolean) => void;
  name?: string;
  description?: string;
  disabled?: boolean;
  class?: string;
}

/** An on/off setting that applies at once (a checkbox is for choices submitted with a form). */
export function Switch(props: SwitchProps) {
  return (
    <KSwitch
      class={`ds-switch ${props.class ?? ""}`}
      checked={props.checked}
      defaultChecked={props.defaultChecked}
      onChange={props.onChange}
      name={props.name}
      disabled={props.disabled}
    >
      <KSwitch.Input class="ds-switch__input" />
      <div class="ds-switch__text">
        <KSwitch.Label class="ds-switch__label">{props.label}</KSwitch.Label>
        <Show when={props.description}>
          <KSwitch.Description class="ds-field__description">
            {props.description}
          </KSwitch.Description>
        </Show>
      </div>
      <KSwitch.Control class="ds-switch__control">
        <KSwitch.Thumb class="ds-switch__thumb" />
      </KSwitch.Control>
    </KSwitch>
  );
}
