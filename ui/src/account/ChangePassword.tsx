import { createSignal, Show } from "solid-js";
import { PasswordRequirements, passwordProblem } from "~/auth/PasswordRequirements";
import { api } from "~/auth/session";
import { changePassword, type User } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { TextField } from "~kit/design-system/components/TextField";
import { createForm, validationMessages } from "~kit/forms/create-form";

/** Current password, then the new one twice; other devices are signed out when it changes. */
export function ChangePassword(props: { user: User; onChanged: () => void }) {
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [confirmation, setConfirmation] = createSignal("");
  const [changed, setChanged] = createSignal(false);

  const form = createForm({
    fields: {
      current_password: "current-password",
      new_password: "new-password",
      confirmation: "new-password-confirmation",
    },
    validate: () => ({
      current_password: current() ? undefined : "Enter your current password.",
      new_password: next()
        ? next() === current()
          ? "Choose a password different from the current one."
          : passwordProblem(next(), { email: props.user.email, name: props.user.name })
        : "Choose a new password.",
      confirmation:
        confirmation() === next() ? undefined : "The two new passwords are not the same.",
    }),
    placeError: (error) => {
      if (error.code === "invalid_credentials") {
        return { fields: { current_password: "Your current password is not correct." } };
      }
      if (error.code === "validation_failed") {
        // the policy's issues name the new password "password" or "new_password"
        const messages = validationMessages(error, [
          "password",
          "new_password",
          "current_password",
        ]);
        const weak = messages.new_password ?? messages.password;
        return {
          fields: {
            ...(weak ? { new_password: weak } : {}),
            ...(messages.current_password ? { current_password: messages.current_password } : {}),
          },
        };
      }
      return undefined;
    },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      setChanged(false);
      await changePassword(api, { current_password: current(), new_password: next() });
      setCurrent("");
      setNext("");
      setConfirmation("");
      form.reset();
      setChanged(true);
      props.onChanged();
    });

  return (
    <Card title="Change password">
      <div class="ds-stack">
        <Show when={changed()}>
          <Alert tone="success" title="Password changed">
            Your other devices were signed out; this one stays signed in.
          </Alert>
        </Show>
        <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
        <form class="auth-form security__form" onSubmit={submit} noValidate>
          <TextField
            id="current-password"
            label="Current password"
            type="password"
            autocomplete="current-password"
            value={current()}
            onChange={(value) => {
              setCurrent(value);
              setChanged(false);
              form.edited("current_password");
            }}
            error={form.error("current_password")}
            required
          />
          <TextField
            id="new-password"
            label="New password"
            type="password"
            autocomplete="new-password"
            {...form.bind("new_password", next, setNext)}
            description={
              <PasswordRequirements
                password={next()}
                context={{ email: props.user.email, name: props.user.name }}
              />
            }
            required
          />
          <TextField
            id="new-password-confirmation"
            label="Confirm the new password"
            type="password"
            autocomplete="new-password"
            {...form.bind("confirmation", confirmation, setConfirmation)}
            required
          />
          <div class="auth-form__actions">
            <Button type="submit" icon="lock" loading={form.pending()}>
              Change password
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}
