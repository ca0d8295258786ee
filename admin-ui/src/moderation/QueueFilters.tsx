import {
  MODERATION_CASE_STATUSES,
  MODERATION_CATEGORIES,
  MODERATION_LAYERS,
  MODERATION_SOURCES,
} from "~core/moderation/model";
import type { QueueFilters as Filters } from "../api/moderation";
import { filterOptions, type SelectFilter, SelectFilters } from "../lists/SelectFilters";
import { CATEGORY_LABELS, LAYER_LABELS, SOURCE_LABELS, STATUS_LABELS } from "./labels";

/** The filters of the queue, each a value of the URL query ("all" leaves it out). */
export type FilterName = "status" | "category" | "layer" | "source";
export const ALL = "all";

const FILTERS: SelectFilter<FilterName>[] = [
  {
    name: "status",
    label: "Status",
    options: (["open", ...MODERATION_CASE_STATUSES] as const).map((status) => ({
      value: status,
      label: STATUS_LABELS[status],
    })),
  },
  {
    name: "category",
    label: "Category",
    options: filterOptions(
      { value: ALL, label: "All categories" },
      MODERATION_CATEGORIES,
      (value) => CATEGORY_LABELS[value],
    ),
  },
  {
    name: "layer",
    label: "Layer",
    description: "Cases with a finding from this layer",
    options: filterOptions(
      { value: ALL, label: "All layers" },
      MODERATION_LAYERS,
      (value) => LAYER_LABELS[value],
    ),
  },
  {
    name: "source",
    label: "Source",
    options: filterOptions(
      { value: ALL, label: "All sources" },
      MODERATION_SOURCES,
      (value) => SOURCE_LABELS[value],
    ),
  },
];

/** Reads the queue's filters from the URL query; anything unknown falls back to the default. */
export function parseQueueFilters(search: Partial<Record<FilterName | "page", string>>): Filters {
  const pick = <T extends string>(values: readonly T[], value: string | undefined) =>
    values.find((candidate) => candidate === value);
  return {
    status: pick(["open", ...MODERATION_CASE_STATUSES] as const, search.status) ?? "open",
    category: pick(MODERATION_CATEGORIES, search.category),
    layer: pick(MODERATION_LAYERS, search.layer),
    source: pick(MODERATION_SOURCES, search.source),
    page: Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1),
  };
}

export function QueueFilters(props: {
  filters: Filters;
  onChange: (name: FilterName, value: string) => void;
}) {
  return (
    <SelectFilters
      class="moderation-filters"
      filters={FILTERS}
      value={(name) => props.filters[name] ?? ALL}
      onChange={props.onChange}
    />
  );
}
