import { RadioGroup } from "@kobalte/core/radio-group";
import { For } from "solid-js";
import { Icon, type IconName } from "../icons/Icon";
import { THEME_MODES, type ThemeMode, useThemeMode } from "./theme-mode";
import "./theme-switch.css";

const OPTION: Record<ThemeMode, { label: string; icon: IconName }> = {
  light: { label: "Light", icon: "sun" },
  dark: { label: "Dark", icon: "moon" },
  system: { label: "System", icon: "monitor" },
};

/**
 * Light / dark / system theme choice as a radio group (arrow keys move the choice). The
 * choice persists in localStorage and is applied as data-theme on <html>.
 */
export function ThemeSwitch() {
  const [mode, setMode] = useThemeMode();
  return (
    <RadioGroup
      class="ds-theme-switch"
      value={mode()}
      onChange={(value) => setMode(value as ThemeMode)}
      orientation="horizontal"
    >
      <RadioGroup.Label class="ds-visually-hidden">Theme</RadioGroup.Label>
      <div class="ds-theme-switch__options">
        <For each={THEME_MODES}>
          {(value) => (
            <RadioGroup.Item value={value} class="ds-theme-switch__option">
              <RadioGroup.ItemInput class="ds-theme-switch__input" />
              <RadioGroup.ItemLabel class="ds-theme-switch__label" title={OPTION[value].label}>
                <Icon name={OPTION[value].icon} size={16} />
                <span class="ds-visually-hidden">{OPTION[value].label}</span>
              </RadioGroup.ItemLabel>
            </RadioGroup.Item>
          )}
        </For>
      </div>
    </RadioGroup>
  );
}
