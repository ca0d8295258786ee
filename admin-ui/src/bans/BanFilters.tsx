import { BAN_REASONS, SANCTION_KINDS } from "~core/moderation/sanctions";
import { Select, type SelectOption } from "~kit/design-system/components/Select";
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

const STATE_OPTIONS: SelectOption[] = BAN_STATES.map((value) => ({
  value,
  label: STATE_LABELS[value],
}));
const KIND_OPTIONS: SelectOption[] = [
  { value: ALL, label: "Suspensions and bans" },
  ...SANCTION_KINDS.map((value) => ({ value, label: SANCTION_KIND_LABELS[value] })),
];
const REASON_OPTIONS: SelectOption[] = [
  { value: ALL, label: "All reasons" },
  ...BAN_REASONS.map((value) => ({ value, label: BAN_REASON_NAMES[value] })),
];

/** The account bans' filters: state, type and reason. */
export function BanFilters(props: {
  filters: Filters;
  onChange: (name: BanFilterName, value: string) => void;
}) {
  return (
    <div class="moderation-filters">
      <Select
        label="State"
        options={STATE_OPTIONS}
        value={props.filters.state}
        onChange={(value) => props.onChange("state", value)}
      />
      <Select
        label="Type"
        options={KIND_OPTIONS}
        value={props.filters.kind ?? ALL}
        onChange={(value) => props.onChange("kind", value)}
      />
      <Select
        label="Reason"
        options={REASON_OPTIONS}
        value={props.filters.reason ?? ALL}
        onChange={(value) => props.onChange("reason", value)}
      />
    </div>
  );
}
