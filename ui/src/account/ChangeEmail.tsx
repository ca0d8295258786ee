import { createSignal, Show } from "solid-js";
import { requestEmailChange } from "~/api/profile";
import { api } from "~/auth/session";
import type { User } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { TextField } from "~kit/design-system/components/TextField";
import { createForm } from "~kit/forms/create-form";

/**
 * A new sign-in address: the link goes to the new address, and the account keeps the current
 * one until it is followed (README "Profile and security emails").
 */
export function ChangeEmail(props: { user: User }) {
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [sentTo, setSentTo] = createSignal<string | null>(null);

  const form = createForm({
    fields: { email: "new-email", password: "email-password" },
    validate: () => ({
      email: !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email().trim())
        ? "Enter an email address like name@example.com."
        : email().trim().toLowerCase() === props.user.email
          ? "This is already your email address."
          : undefined,
    }),
    placeError: (error) =>
      error.code === "invalid_credentials"
        ? { fields: { password: "Your password is not correct." } }
        : undefined,
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      setSentTo(null);
      const sent = await requestEmailChange(api, email().trim(), password() || undefined);
      setPassword("");
      form.reset();
      setSentTo(sent.email);
    });

  return (
    <Card title="Email address">
      <div class="ds-stack">
        <p class="ds-muted">
          You sign in with <strong>{props.user.email}</strong>. A new address must be confirmed from
          its inbox before it replaces this one; we also tell this address.
        </p>
        <Show when={sentTo()}>
          {(to) => (
            <Alert tone="success" title="Check your inbox">
              We sent a confirmation link to {to()}. Your address changes once you open it.
            </Alert>
          )}
        </Show>
        <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
        <form class="auth-form security__form" onSubmit={submit} noValidate>
          <TextField
            id="new-email"
            label="New email address"
            type="email"
            autocomplete="email"
            {...form.bind("email", email, setEmail)}
          />
          <TextField
            id="email-password"
            label="Current password"
            type="password"
            autocomplete="current-password"
            description="Leave empty if you sign in only with Google, GitHub, Microsoft or a passkey."
            {...form.bind("password", password, setPassword)}
          />
          <div>
            <Button type="submit" loading={form.pending()}>
              Send confirmation link
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}
