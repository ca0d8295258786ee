import { Show } from "solid-js";
import { Select } from "~kit/design-system/components/Select";
import { TextField } from "~kit/design-system/components/TextField";

type Collection = "charge" | "send";

/**
 * How a subscription or an invoice made by staff is paid (README "Admin: payments"): the
 * account's default card charged now, or an invoice sent to be paid within some days.
 */
export function CollectionFields(props: {
  collection: Collection;
  daysUntilDue: string;
  onChange: (patch: { collection?: Collection; daysUntilDue?: string }) => void;
  daysError?: string;
}) {
  return (
    <>
      <Select
        label="Payment"
        options={[
          { value: "charge", label: "Charge the account's card now" },
          { value: "send", label: "Send an invoice to be paid later" },
        ]}
        value={props.collection}
        onChange={(value) => props.onChange({ collection: value === "send" ? "send" : "charge" })}
      />
      <Show when={props.collection === "send"}>
        <TextField
          label="Days to pay"
          inputMode="numeric"
          value={props.daysUntilDue}
          onChange={(daysUntilDue) => props.onChange({ daysUntilDue })}
          error={props.daysError}
        />
      </Show>
    </>
  );
}
