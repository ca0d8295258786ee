import { RadioGroup as KRadioGroup } from "@kobalte/core/radio-group";
import { For, type JSX, Show } from "solid-js";
import "./radio-cards.css";

export interface RadioCardOption {
  value: string;
  /** The option's name: the radio's accessible name. */
  label: string;
  /** A prominent line under the name, e.g. a price; read as part of the description. */
  detail?: JSX.Element;
  /** Smaller text, read with the option (aria-describedby). */
  description?: JSX.Element;
  disabled?: boolean;
}

export interface RadioCardGroupProps {
  /** The group's visible label (the radiogroup's name). */
  label: string;
  options: RadioCardOption[];
  value?: string;
  onChange?: (value: string) => void;
  /** Id of the group, e.g. for an error summary to link to. */
  id?: string;
  name?: string;
  description?: string;
  /** An error message marks the group invalid and is announced. */
  error?: string;
  required?: boolean;
  disabled?: boolean;
  class?: string;
}

/**
 * Radio buttons drawn as cards, for choices that need a few words each (plans, say).
 * Native radios underneath: arrow keys move the choice, Tab leaves the group, the whole
 * card is the click target.
 */
export function RadioCardGroup(props: RadioCardGroupProps) {
  return (
    <KRadioGroup
      id={props.id}
      class={`ds-radio-cards ${props.class ?? ""}`}
      value={props.value}
      onChange={props.onChange}
      name={props.name}
      required={props.required}
      disabled={props.disabled}
      validationState={props.error ? "invalid" : "valid"}
    >
      <KRadioGroup.Label class="ds-field__label">{props.label}</KRadioGroup.Label>
      <Show when={props.description}>
        <KRadioGroup.Description class="ds-field__description">
          {props.description}
        </KRadioGroup.Description>
      </Show>
      <div class="ds-radio-cards__options">
        <For each={props.options}>
          {(option) => (
            <KRadioGroup.Item value={option.value} disabled={option.disabled} class="ds-radio-card">
              <KRadioGroup.ItemInput class="ds-radio-card__input" />
              <KRadioGroup.ItemControl class="ds-radio-card__control">
                <KRadioGroup.ItemIndicator class="ds-radio-card__indicator" />
              </KRadioGroup.ItemControl>
              <div class="ds-radio-card__text">
                <KRadioGroup.ItemLabel class="ds-radio-card__label">
                  {option.label}
                </KRadioGroup.ItemLabel>
                <Show when={option.detail || option.description}>
                  <KRadioGroup.ItemDescription class="ds-radio-card__description">
                    <Show when={option.detail}>
                      <div class="ds-radio-card__detail">{option.detail}</div>
                    </Show>
                    <Show when={option.description}>
                      <div class="ds-radio-card__note">{option.description}</div>
                    </Show>
                  </KRadioGroup.ItemDescription>
                </Show>
              </div>
            </KRadioGroup.Item>
          )}
        </For>
      </div>
      <KRadioGroup.ErrorMessage class="ds-field__error" forceMount aria-live="polite">
        {props.error}
      </KRadioGroup.ErrorMessage>
    </KRadioGroup>
  );
}
