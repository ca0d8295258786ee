import { createSignal, Match, Show, Switch } from "solid-js";
import { api } from "~/auth/session";
import { disableMfa, regenerateRecoveryCodes } from "~kit/api/mfa";
import { Button } from "~kit/design-system/components/Button";
import { CodeField } from "~kit/design-system/components/CodeField";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { TextField } from "~kit/design-system/components/TextField";
import { createForm } from "~kit/forms/create-form";

const WRONG_CODE = "That code is not correct. Codes change every 30 seconds; try the current one.";
const sixDigits = (value: string) => /^\d{6}$/.test(value.replace(/\s+/g, ""));
const focusField = (element: HTMLInputElement) => queueMicrotask(() => element.focus());

/** With two-factor authentication on: recovery codes left, new codes, and turning it off. */
export function TwoFactorManage(props: {
  recoveryCodesLeft: number;
  onNewCodes: (codes: string[]) => void;
  onDisabled: () => void;
}) {
  const [open, setOpen] = createSignal<"codes" | "disable" | null>(null);
  let opener: HTMLButtonElement | undefined;
  const close = () => {
    setOpen(null);
    queueMicrotask(() => opener?.focus());
  };

  return (
    <div class="ds-stack">
      <p class="two-factor__text">
        Signing in asks for a code from your authenticator app.{" "}
        <strong>
          {props.recoveryCodesLeft} of 10 recovery codes left
          {props.recoveryCodesLeft <= 3 ? ": get new ones soon." : "."}
        </strong>
      </p>
      <Switch>
        <Match when={open() === "codes"}>
          <NewCodesForm onCodes={props.onNewCodes} onCancel={close} />
        </Match>
        <Match when={open() === "disable"}>
          <DisableForm onDisabled={props.onDisabled} onCancel={close} />
        </Match>
        <Match when={open() === null}>
          <div class="ds-cluster">
            <Button
              variant="outline"
              icon="refresh"
              onClick={(event) => {
                opener = event.currentTarget;
                setOpen("codes");
              }}
            >
              Get new recovery codes
            </Button>
            <Button
              variant="danger"
              onClick={(event) => {
                opener = event.currentTarget;
                setOpen("disable");
              }}
            >
              Turn off two-factor authentication
            </Button>
          </div>
        </Match>
      </Switch>
    </div>
  );
}

/** New recovery codes replace the old ones; a current app code proves the phone is at hand. */
function NewCodesForm(props: { onCodes: (codes: string[]) => void; onCancel: () => void }) {
  const [code, setCode] = createSignal("");
  const form = createForm({
    fields: { code: "new-codes-code" },
    validate: () => ({
      code: sixDigits(code()) ? undefined : "Enter the 6-digit code from your authenticator app.",
    }),
    placeError: (error) =>
      error.code === "invalid_credentials" ? { fields: { code: WRONG_CODE } } : undefined,
  });
  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const { recovery_codes } = await regenerateRecoveryCodes(api, code().replace(/\s+/g, ""));
      props.onCodes(recovery_codes);
    });

  return (
    <div class="ds-stack">
      <h3 class="two-factor__step-title">Get new recovery codes</h3>
      <p class="two-factor__text">Your current codes stop working once the new ones are made.</p>
      <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
      <form class="auth-form security__form" onSubmit={submit} noValidate>
        <CodeField
          id="new-codes-code"
          kind="totp"
          {...form.bind("code", code, setCode)}
          ref={focusField}
        />
        <div class="auth-form__actions">
          <Button type="submit" loading={form.pending()}>
            Get new codes
          </Button>
          <Button variant="ghost" disabled={form.pending()} onClick={props.onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}

/** Turning it off needs the password and a second factor: a stolen session alone cannot. */
function DisableForm(props: { onDisabled: () => void; onCancel: () => void }) {
  const [password, setPassword] = createSignal("");
  const [code, setCode] = createSignal("");
  const [useRecovery, setUseRecovery] = createSignal(false);
  const form = createForm({
    fields: { password: "disable-password", code: "disable-code" },
    validate: () => ({
      password: password() ? undefined : "Enter your password.",
      code: useRecovery()
        ? code().replace(/\s+/g, "").length >= 10
          ? undefined
          : "Enter one of your recovery codes."
        : sixDigits(code())
          ? undefined
          : "Enter the 6-digit code from your authenticator app.",
    }),
    // the server checks both and does not say which was wrong (a stolen session could
    // otherwise confirm the password alone)
    placeError: (error) =>
      error.code === "invalid_credentials"
        ? {
            form: useRecovery()
              ? "Your password or that recovery code is not correct (a used recovery code no longer works)."
              : "Your password or the code is not correct. Check both and try again.",
          }
        : undefined,
  });
  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      await disableMfa(
        api,
        useRecovery()
          ? { password: password(), recovery_code: code().trim() }
          : { password: password(), code: code().replace(/\s+/g, "") },
      );
      props.onDisabled();
    });

  return (
    <div class="ds-stack">
      <h3 class="two-factor__step-title">Turn off two-factor authentication</h3>
      <p class="two-factor__text">
        Your password alone will then sign you in, and your recovery codes stop working.
      </p>
      <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
      <form class="auth-form security__form" onSubmit={submit} noValidate>
        <TextField
          id="disable-password"
          label="Password"
          type="password"
          autocomplete="current-password"
          {...form.bind("password", password, setPassword)}
          ref={focusField}
          required
        />
        <CodeField
          id="disable-code"
          kind={useRecovery() ? "recovery" : "totp"}
          {...form.bind("code", code, setCode)}
        />
        <div class="auth-form__actions">
          <Button type="submit" variant="danger" loading={form.pending()}>
            Turn off
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setUseRecovery(!useRecovery());
              setCode("");
              form.reset();
            }}
          >
            <Show when={useRecovery()} fallback="Use a recovery code instead">
              Use a code from the app instead
            </Show>
          </Button>
          <Button variant="ghost" size="sm" disabled={form.pending()} onClick={props.onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
