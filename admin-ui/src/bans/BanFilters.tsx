import { BAN_REASONS, SANCTION_KINDS } from "~core/moderation/sanctions";
import { filterOptions, type SelectFilter, SelectFilters } from "../lists/SelectFilters";
import { BAN_REASON_NAMES, SANCTION_KIND_LABELS } from "../standing/labels";
import {
  BAN_STATES,
  type BanFilterName,
  type BanState,
  type BanFilters as Filters,
} from "./ban-view";

/** "all" leaves a filter out of the URL query. */
export const ALL = "all";

const STATE_LABELS: Record<BanState, string> = {
  active: "In force",
  expiring: "Ending within 48 hours",
  all: "All, past ones too",
};

const FILTERS: SelectFilter<BanFilterName>[] = [
  {
    name: "state",
    label: "State",
    options: BAN_STATES.map((value) => ({ value, label: STATE_LABELS[value] })),
  },
  {
    name: "kind",
    label: "Type",
    options: filterOptions(
      { value: ALL, label: "Suspensions and bans" },
      SANCTION_KINDS,
      (value) => SANCTION_KIND_LABELS[value],
    ),
  },
  {
    name: "reason",
    label: "Reason",
    options: filterOptions(
      { value: ALL, label: "All reasons" },
      BAN_REASONS,
      (value) => BAN_REASON_NAMES[value],
    ),
  },
];

/** The account bans' filters: state, type and reason. */
export function BanFilters(props: {
  filters: Filters;
  onChange: (name: BanFilterName, value: string) => void;
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
