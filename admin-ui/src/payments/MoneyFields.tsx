import type { SelectOption } from "~kit/design-system/components/Select";
import { Select } from "~kit/design-system/components/Select";
import { TextField } from "~kit/design-system/components/TextField";

/** An amount typed in dollars and cents, as the refund and credit note dialogs ask for it. */
export function AmountField(props: {
  /** "Amount to refund": the currency is added. */
  label: string;
  currency: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <TextField
      label={`${props.label} (${props.currency.toUpperCase()})`}
      inputMode="decimal"
      placeholder="14.99"
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      required
    />
  );
}

/** The provider's reason for a refund or a credit note, none chosen at first. */
export function ReasonSelect(props: {
  options: SelectOption[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Select
      label="Reason"
      options={[{ value: "", label: "Choose a reason" }, ...props.options]}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
    />
  );
}
