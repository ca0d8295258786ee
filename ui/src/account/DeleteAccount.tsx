import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { requestAccountDeletion } from "~/api/account-deletion";
import { api, forgetEndedSession } from "~/auth/session";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { TextField } from "~kit/design-system/components/TextField";
import { showToast } from "~kit/design-system/components/Toast";
import { formatDateTime } from "~kit/format";
import { createForm } from "~kit/forms/create-form";

/**
 * "Delete my account" (README "Your data"): confirmed with the password (and the second factor
 * through the step-up dialog when one is on). Every session ends at once; the account is
 * deleted after 14 days unless the person signs in and cancels.
 */
export function DeleteAccount() {
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  const [password, setPassword] = createSignal("");

  const form = createForm({
    fields: { password: "delete-password" },
    validate: () => ({}),
    placeError: (error) =>
      error.code === "invalid_credentials"
        ? { fields: { password: "Your password is not correct." } }
        : undefined,
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const deletion = await requestAccountDeletion(api, password() || undefined);
      setPassword("");
      // the server ended every session, this one too
      await forgetEndedSession();
      showToast({
        title: `Your account will be deleted on ${formatDateTime(new Date(deletion.scheduled_for).toISOString())}`,
        tone: "success",
      });
      navigate("/login", { replace: true });
    });

  return (
    <Card title="Delete my account">
      <div class="ds-stack">
        <p class="ds-muted">
          Deletes your profile, resumes, share pages, photos, exports and subscription. You are
          signed out everywhere at once and your share pages go offline; the deletion happens after
          14 days, and signing in before then lets you cancel it. Invoices are kept as tax law
          requires.
        </p>
        <Show
          when={open()}
          fallback={
            <div>
              <Button variant="danger" onClick={() => setOpen(true)}>
                Delete my account
              </Button>
            </div>
          }
        >
          <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
          <form class="auth-form security__form" onSubmit={submit} noValidate>
            <TextField
              id="delete-password"
              label="Your password"
              type="password"
              autocomplete="current-password"
              description="Leave empty if you sign in only with Google, GitHub, Microsoft or a passkey: we ask you to confirm it's you instead."
              {...form.bind("password", password, setPassword)}
            />
            <div class="ds-cluster">
              <Button type="submit" variant="danger" loading={form.pending()}>
                Delete my account permanently
              </Button>
              <Button variant="ghost" onClick={() => setOpen(false)}>
                Keep my account
              </Button>
            </div>
          </form>
        </Show>
      </div>
    </Card>
  );
}
