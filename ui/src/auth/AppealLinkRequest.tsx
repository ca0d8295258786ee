import { createSignal, Show } from "solid-js";
import { requestAppealLink } from "~/api/standing";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { looksLikeEmail } from "~kit/forms/fields";
import { api } from "./session";
import "./appeal-link-request.css";

/**
 * "Appeal this decision" under a sign-in refused for a suspension or ban (README "Appeals"):
 * a suspended or banned account cannot sign in to appeal, so it asks for a link by email.
 * With the address the sign-in form was given it is one button; without one (a passkey or
 * provider sign-in) it asks for the address. The answer never says whether the address has
 * an account that can appeal.
 */
export function AppealLinkRequest(props: {
  /** The address typed into the sign-in form, when the refusal came from it. */
  email?: string;
}) {
  const given = () => (props.email && looksLikeEmail(props.email) ? props.email.trim() : null);
  const [typed, setTyped] = createSignal("");
  const [problem, setProblem] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<string | null>(null);
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);

  async function send(event: SubmitEvent) {
    event.preventDefault();
    if (pending()) return;
    const email = given() ?? typed().trim();
    setFailure(null);
    setSentTo(null);
    if (!looksLikeEmail(email)) {
      setProblem("Enter the account's email address, like name@example.com.");
      return;
    }
    setProblem(undefined);
    setPending(true);
    try {
      await requestAppealLink(api, email);
      setSentTo(email);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form class="appeal-link-request" aria-label="Appeal this decision" onSubmit={send} noValidate>
      <p class="appeal-link-request__lead">
        Think this is a mistake? You can appeal within 30 days of the decision: we email you a link
        to the appeal form.
      </p>
      <Show when={!given()}>
        <TextField
          id="appeal-email"
          label="Account email address"
          type="email"
          autocomplete="username"
          inputMode="email"
          value={typed()}
          onChange={(value) => {
            setTyped(value);
            setProblem(undefined);
          }}
          error={problem()}
          required
        />
      </Show>
      <div>
        <Button type="submit" variant="outline" size="sm" icon="mail" loading={pending()}>
          Appeal this decision
        </Button>
      </div>
      <p class="appeal-link-request__result" role="status" aria-live="polite">
        <Show when={sentTo()}>
          {(email) => <>If this account can appeal, we have emailed a link to {email()}.</>}
        </Show>
      </p>
      <Show when={failure()}>
        {(message) => (
          <Alert tone="error" title="The link was not sent">
            {message()}
          </Alert>
        )}
      </Show>
    </form>
  );
}
