import { createSignal, Show } from "solid-js";
import { OperatorSignIn } from "./OperatorSignIn";
import { operatorToken } from "./operator-session";
import { StaffSignIn } from "./StaffSignIn";

/**
 * The sign-in method on show. Whoever used the operator token (or was signed out of it)
 * comes back to the token form; everyone else sees the staff form.
 */
const [method, setMethod] = createSignal<"staff" | "operator">(
  operatorToken() ? "operator" : "staff",
);

export function SignIn() {
  return (
    <Show
      when={method() === "operator"}
      fallback={<StaffSignIn onUseOperatorToken={() => setMethod("operator")} />}
    >
      <OperatorSignIn onUseAccount={() => setMethod("staff")} />
    </Show>
  );
}
