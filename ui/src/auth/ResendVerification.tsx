import { createSignal } from "solid-js";
import { resendVerification } from "~kit/api/auth";
import { ApiError } from "~kit/api/envelope";
import { Button, type ButtonVariant } from "~kit/design-system/components/Button";
import { describeError } from "~kit/forms/describe-error";
import { api, currentUser, reloadSession } from "./session";
import "./resend-verification.css";

/**
 * "Send the email again", with its outcome in a polite status line. Needs a session: the
 * API sends the link to the signed-in account's address.
 */
export function ResendVerification(props: { variant?: ButtonVariant }) {
  const [pending, setPending] = createSignal(false);
  const [status, setStatus] = createSignal<{ text: string; error?: boolean } | null>(null);

  async function resend() {
    setPending(true);
    setStatus(null);
    try {
      const result = await resendVerification(api);
      if (result.already_verified) {
        setStatus({ text: "Your email address is already confirmed." });
        void reloadSession();
      } else {
        const email = currentUser()?.email;
        setStatus({ text: `We sent a new link${email ? ` to ${email}` : ""}.` });
      }
    } catch (error) {
      setStatus({
        text:
          error instanceof ApiError && error.status === 429
            ? `You have asked for several emails already. ${describeError(error)}`
            : `The email could not be sent: ${describeError(error)}`,
        error: true,
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <div class="resend-verification">
      <Button
        variant={props.variant ?? "outline"}
        size="sm"
        icon="mail"
        loading={pending()}
        onClick={resend}
      >
        Resend the email
      </Button>
      <p
        class="resend-verification__status"
        classList={{ "is-error": status()?.error === true }}
        role="status"
      >
        {status()?.text}
      </p>
    </div>
  );
}
