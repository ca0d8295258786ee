import { DropdownMenu } from "@kobalte/core/dropdown-menu";
import { For, Show } from "solid-js";
import { Icon, type IconName } from "../icons/Icon";
import "./menu.css";

export interface MenuItem {
  label: string;
  icon?: IconName;
  onSelect: () => void;
  /** Draws a separator above the item. */
  separated?: boolean;
}

export interface MenuProps {
  /** The trigger button's visible text. */
  label: string;
  /** The trigger's accessible name when it should say more than the label (include it). */
  accessibleName?: string;
  icon?: IconName;
  items: MenuItem[];
  class?: string;
}

/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown opens it, arrows move,
 * Escape closes it and returns focus to the button.
 */
export function Menu(props: MenuProps) {
  return (
    <DropdownMenu placement="bottom-end" gutter={6}>
      <DropdownMenu.Trigger
        class={`ds-button ds-button--ghost ds-button--sm ds-menu__trigger ${props.class ?? ""}`}
        aria-label={props.accessibleName}
      >
        <Show when={props.icon}>{(icon) => <Icon name={icon()} size={18} />}</Show>
        <span class="ds-menu__label">{props.label}</span>
        <DropdownMenu.Icon class="ds-menu__chevron">
          <Icon name="chevron-down" size={16} />
        </DropdownMenu.Icon>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="ds-menu__content">
          <For each={props.items}>
            {(item) => (
              <>
                <Show when={item.separated}>
                  <DropdownMenu.Separator class="ds-menu__separator" />
                </Show>
                <DropdownMenu.Item class="ds-menu__item" onSelect={item.onSelect}>
                  <Show when={item.icon}>{(icon) => <Icon name={icon()} size={16} />}</Show>
                  <DropdownMenu.ItemLabel>{item.label}</DropdownMenu.ItemLabel>
                </DropdownMenu.Item>
              </>
            )}
          </For>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}
