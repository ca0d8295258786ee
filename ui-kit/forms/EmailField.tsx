import { TextField } from "../design-system/components/TextField";

/** The part of a form created by `createForm` that a field reports to. */
interface EmailForm {
  error(field: "email"): string | undefined;
  edited(field: "email"): void;
}

/**
 * The email field of the account forms (sign in, register, forgot password): same id,
 * label, keyboard and validation wiring; only the browser's autofill hint differs.
 */
export function EmailField(props: {
  form: EmailForm;
  value: string;
  onChange: (value: string) => void;
  autocomplete: "email" | "username";
}) {
  return (
    <TextField
      id="email"
      label="Email address"
      type="email"
      autocomplete={props.autocomplete}
      inputMode="email"
      value={props.value}
      onChange={(value) => {
        props.onChange(value);
        props.form.edited("email");
      }}
      error={props.form.error("email")}
      required
    />
  );
}
