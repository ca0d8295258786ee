import { TextField, type TextFieldProps } from "./TextField";

/** Authenticator codes are 6 digits (a space in the middle is tolerated); recovery codes longer. */
const SHAPES = {
  totp: {
    label: "Code from the app",
    autocomplete: "one-time-code",
    inputMode: "numeric",
    maxLength: 7,
  },
  recovery: { label: "Recovery code", autocomplete: "off", inputMode: "text", maxLength: 20 },
} as const;

export interface CodeFieldProps
  extends Pick<TextFieldProps, "id" | "value" | "onChange" | "error" | "ref" | "description"> {
  /** An authenticator app's code, or one of the account's recovery codes. */
  kind: keyof typeof SHAPES;
  label?: string;
}

/** A second-factor code field: the right keyboard, autofill and length for the kind of code. */
export function CodeField(props: CodeFieldProps) {
  const shape = () => SHAPES[props.kind];
  return (
    <TextField
      id={props.id}
      label={props.label ?? shape().label}
      autocomplete={shape().autocomplete}
      inputMode={shape().inputMode}
      maxLength={shape().maxLength}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      description={props.description}
      ref={props.ref}
      required
    />
  );
}
