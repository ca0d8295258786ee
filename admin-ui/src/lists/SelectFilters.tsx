import { For } from "solid-js";
import { Select, type SelectOption } from "~kit/design-system/components/Select";

/** One select of a list's filter row. */
export interface SelectFilter<Name extends string> {
  name: Name;
  label: string;
  description?: string;
  options: SelectOption[];
}

/**
 * The options of a filter over `values`, led by the one that leaves the filter out (`anyValue`,
 * which the list keeps out of its URL query).
 */
export const filterOptions = <Value extends string>(
  any: { value: string; label: string },
  values: readonly Value[],
  label: (value: Value) => string,
): SelectOption[] => [any, ...values.map((value) => ({ value, label: label(value) }))];

/**
 * A list's row of select filters (users, bans, the moderation queue): each change applies at
 * once; the page decides what a change does to its URL (and goes back to page 1).
 */
export function SelectFilters<Name extends string>(props: {
  filters: readonly SelectFilter<Name>[];
  value: (name: Name) => string;
  onChange: (name: Name, value: string) => void;
  /** The grid the page lays the selects out in. */
  class: string;
}) {
  return (
    <div class={props.class}>
      <For each={props.filters}>
        {(filter) => (
          <Select
            label={filter.label}
            description={filter.description}
            options={filter.options}
            value={props.value(filter.name)}
            onChange={(value) => props.onChange(filter.name, value)}
          />
        )}
      </For>
    </div>
  );
}
