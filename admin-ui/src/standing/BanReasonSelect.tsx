import { BAN_REASONS } from "~core/moderation/sanctions";
import { Select } from "~kit/design-system/components/Select";
import { BAN_REASON_NAMES } from "./labels";

const REASON_OPTIONS = BAN_REASONS.map((value) => ({ value, label: BAN_REASON_NAMES[value] }));

/** The required reason of a suspension or ban, of an account or an address. */
export function BanReasonSelect(props: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Select
      label="Reason"
      options={REASON_OPTIONS}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      required
    />
  );
}
