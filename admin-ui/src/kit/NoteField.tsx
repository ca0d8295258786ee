import { Textarea } from "~kit/design-system/components/Textarea";

/** The optional staff note of an admin action, which the audit log keeps with it. */
export function NoteField(props: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Textarea
      label="Note"
      description="Optional; for staff, kept in the audit log."
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      rows={3}
    />
  );
}
