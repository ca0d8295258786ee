import { Tabs as KTabs } from "@kobalte/core/tabs";
import { For, type JSX } from "solid-js";
import "./tabs.css";

export interface TabItem {
  value: string;
  label: string;
  content: () => JSX.Element;
  disabled?: boolean;
}

export interface TabsProps {
  /** Names the tab list for assistive technology. */
  label: string;
  items: TabItem[];
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  class?: string;
}

/** Tabs with roving focus: arrow keys move between tabs, Tab moves into the panel. */
export function Tabs(props: TabsProps) {
  return (
    <KTabs
      class={`ds-tabs ${props.class ?? ""}`}
      value={props.value}
      defaultValue={props.defaultValue ?? props.items[0]?.value}
      onChange={props.onChange}
    >
      <KTabs.List class="ds-tabs__list" aria-label={props.label}>
        <For each={props.items}>
          {(item) => (
            <KTabs.Trigger class="ds-tabs__trigger" value={item.value} disabled={item.disabled}>
              {item.label}
            </KTabs.Trigger>
          )}
        </For>
        <KTabs.Indicator class="ds-tabs__indicator" />
      </KTabs.List>
      <For each={props.items}>
        {(item) => (
          <KTabs.Content class="ds-tabs__panel" value={item.value}>
            {item.content()}
          </KTabs.Content>
        )}
      </For>
    </KTabs>
  );
}
