import {
  MODERATION_CASE_STATUSES,
  MODERATION_CATEGORIES,
  MODERATION_LAYERS,
  MODERATION_SOURCES,
} from "~core/moderation/model";
import { Select, type SelectOption } from "~kit/design-system/components/Select";
import type { QueueFilters as Filters } from "../api/moderation";
import { CATEGORY_LABELS, LAYER_LABELS, SOURCE_LABELS, STATUS_LABELS } from "./labels";

/** The filters of the queue, each a value of the URL query ("all" leaves it out). */
export type FilterName = "status" | "category" | "layer" | "source";
export const ALL = "all";

const STATUS_OPTIONS: SelectOption[] = (["open", ...MODERATION_CASE_STATUSES] as const).map(
  (status) => ({ value: status, label: STATUS_LABELS[status] }),
);
const withAll = (label: string, options: SelectOption[]): SelectOption[] => [
  { value: ALL, label },
  ...options,
];
const CATEGORY_OPTIONS = withAll(
  "All categories",
  MODERATION_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] })),
);
const LAYER_OPTIONS = withAll(
  "All layers",
  MODERATION_LAYERS.map((value) => ({ value, label: LAYER_LABELS[value] })),
);
const SOURCE_OPTIONS = withAll(
  "All sources",
  MODERATION_SOURCES.map((value) => ({ value, label: SOURCE_LABELS[value] })),
);

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
    <div class="moderation-filters">
      <Select
        label="Status"
        options={STATUS_OPTIONS}
        value={props.filters.status}
        onChange={(value) => props.onChange("status", value)}
      />
      <Select
        label="Category"
        options={CATEGORY_OPTIONS}
        value={props.filters.category ?? ALL}
        onChange={(value) => props.onChange("category", value)}
      />
      <Select
        label="Layer"
        description="Cases with a finding from this layer"
        options={LAYER_OPTIONS}
        value={props.filters.layer ?? ALL}
        onChange={(value) => props.onChange("layer", value)}
      />
      <Select
        label="Source"
        options={SOURCE_OPTIONS}
        value={props.filters.source ?? ALL}
        onChange={(value) => props.onChange("source", value)}
      />
    </div>
  );
}
