import { Select as KSelect } from "@kobalte/core/select";
import { Show } from "solid-js";
import { Icon } from "../icons/Icon";
import "./field.css";
import "./select.css";
import { usePortalMount } from "./portal-mount";

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps {
  label: string;
  options: SelectOption[];
  /** The selected option's value. */
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  name?: string;
  description?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  class?: string;
}

/** A listbox select (keyboard: arrows, type-ahead, Enter, Escape) with a hidden native select for forms. */
export function Select(props: SelectProps) {
  const mount = usePortalMount();
  const selected = () => props.options.find((option) => option.value === props.value) ?? null;
  return (
    <KSelect<SelectOption>
      class={`ds-field ${props.class ?? ""}`}
      options={props.options}
      optionValue="value"
      optionTextValue="label"
      optionDisabled="disabled"
      value={selected()}
      onChange={(option) => option && props.onChange?.(option.value)}
      placeholder={props.placeholder ?? "Choose…"}
      name={props.name}
      required={props.required}
      disabled={props.disabled}
      validationState={props.error ? "invalid" : "valid"}
      itemComponent={(itemProps) => (
        <KSelect.Item item={itemProps.item} class="ds-select__item">
          <KSelect.ItemLabel>{itemProps.item.rawValue.label}</KSelect.ItemLabel>
          <KSelect.ItemIndicator class="ds-select__indicator">
            <Icon name="check" size={16} />
          </KSelect.ItemIndicator>
        </KSelect.Item>
      )}
    >
      <KSelect.Label class="ds-field__label">{props.label}</KSelect.Label>
      <KSelect.HiddenSelect />
      <KSelect.Trigger class="ds-field__control ds-select__trigger">
        <KSelect.Value<SelectOption> class="ds-select__value">
          {(state) => state.selectedOption().label}
        </KSelect.Value>
        <KSelect.Icon class="ds-select__icon">
          <Icon name="chevron-down" size={16} />
        </KSelect.Icon>
      </KSelect.Trigger>
      <Show when={props.description}>
        <KSelect.Description class="ds-field__description">{props.description}</KSelect.Description>
      </Show>
      <KSelect.ErrorMessage class="ds-field__error">{props.error}</KSelect.ErrorMessage>
      <KSelect.Portal mount={mount()}>
        <KSelect.Content class="ds-select__content">
          <KSelect.Listbox class="ds-select__listbox" />
        </KSelect.Content>
      </KSelect.Portal>
    </KSelect>
  );
}
