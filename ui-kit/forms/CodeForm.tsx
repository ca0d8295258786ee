import { type Accessor, createSignal, type JSX } from "solid-js";
import { Button } from "../design-system/components/Button";
import { CodeField } from "../design-system/components/CodeField";
import { ErrorSummary } from "../design-system/components/ErrorSummary";
import { createForm } from "./create-form";

/** What the person typed: an authenticator app's code or one of their recovery codes. */
export type SecondFactorProof = { code: string } | { recovery_code: string };

/**
 * The second sign-in step of both apps: a 6-digit code from the authenticator app, or one
 * of the recovery codes. `intro` is the page's heading and lead, which name the code being
 * asked for; a wrong code is said on the field, an expired challenge goes to `onRestart`.
 */
export function CodeForm(props: {
  intro: (recovery: Accessor<boolean>) => JSX.Element;
  onSubmit: (proof: SecondFactorProof) => Promise<unknown>;
  /** The challenge expired: the person starts over with their password. */
  onRestart: (reason: string) => void;
}) {
  const [useRecovery, setUseRecovery] = createSignal(false);
  const [code, setCode] = createSignal("");
  const digits = () => code().replace(/\s+/g, "");

  const form = createForm({
    fields: { code: "mfa-code" },
    validate: () => ({
      code: useRecovery()
        ? digits().length >= 10
          ? undefined
          : "Enter one of your recovery codes."
        : /^\d{6}$/.test(digits())
          ? undefined
          : "Enter the 6-digit code from your authenticator app.",
    }),
    placeError: (error) => {
      if (error.code === "invalid_credentials") {
        return {
          fields: {
            code: useRecovery()
              ? "That recovery code is not valid or has been used."
              : "That code is not correct. Codes change every 30 seconds; try the current one.",
          },
        };
      }
      if (error.code === "session_expired") {
        props.onRestart(error.message);
        return { form: error.message };
      }
      return undefined;
    },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      await props.onSubmit(useRecovery() ? { recovery_code: code().trim() } : { code: digits() });
    });

  return (
    <>
      {props.intro(useRecovery)}
      <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
      <form class="ds-stack" onSubmit={submit} noValidate>
        <CodeField
          id="mfa-code"
          kind={useRecovery() ? "recovery" : "totp"}
          label={useRecovery() ? "Recovery code" : "Authentication code"}
          {...form.bind("code", code, setCode)}
        />
        <div class="ds-cluster">
          <Button type="submit" loading={form.pending()}>
            Verify and sign in
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
            {useRecovery() ? "Use a code from the app" : "Use a recovery code"}
          </Button>
        </div>
      </form>
    </>
  );
}
