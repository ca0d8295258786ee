import { createSignal } from "solid-js";
import { renderSVG } from "uqr";
import { api } from "~/auth/session";
import { confirmTotpSetup } from "~kit/api/mfa";
import { Button } from "~kit/design-system/components/Button";
import { CodeField } from "~kit/design-system/components/CodeField";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { createForm } from "~kit/forms/create-form";
import { focusOnMount } from "~kit/forms/fields";
import { copyText } from "./copy-text";

/** The key in groups of four, as authenticator apps show it and people type it. */
export const groupSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Set-up of an authenticator app: the QR code of the otpauth:// URL (inline SVG markup, which
 * the page's CSP allows without data: URLs) or the key typed in by hand, then a first code
 * proving the app has it.
 */
export function TotpSetup(props: {
  secret: string;
  otpauthUrl: string;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = createSignal("");
  const digits = () => code().replace(/\s+/g, "");
  const qrCode = renderSVG(props.otpauthUrl, { border: 2, ecc: "M" });

  const form = createForm({
    fields: { code: "totp-setup-code" },
    validate: () => ({
      code: /^\d{6}$/.test(digits())
        ? undefined
        : "Enter the 6-digit code your authenticator app shows.",
    }),
    placeError: (error) =>
      error.code === "invalid_credentials"
        ? {
            fields: {
              code: "That code is not correct. Check the app shows Resume Builder and enter its current code.",
            },
          }
        : undefined,
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const { recovery_codes } = await confirmTotpSetup(api, digits());
      props.onEnabled(recovery_codes);
    });

  return (
    <div class="ds-stack two-factor__setup">
      <h3 class="two-factor__step-title" tabindex="-1" ref={focusOnMount}>
        Add Resume Builder to your authenticator app
      </h3>
      <ol class="two-factor__steps">
        <li>
          <p class="two-factor__text">
            Open your authenticator app, add an account and scan this QR code.
          </p>
          <div
            class="two-factor__qr"
            role="img"
            aria-label="QR code that adds Resume Builder to an authenticator app"
            // uqr's own markup: an <svg> of rectangles drawn from the URL's bits, no script
            innerHTML={qrCode}
          />
          <p class="two-factor__text">
            Can't scan it? Choose to enter a key instead, and type this key (time-based):
          </p>
          <div class="two-factor__secret-row">
            <code class="two-factor__secret" id="totp-secret">
              {groupSecret(props.secret)}
            </code>
            <Button
              variant="outline"
              size="sm"
              aria-describedby="totp-secret"
              onClick={() => void copyText(props.secret, "Key copied")}
            >
              Copy key
            </Button>
          </div>
        </li>
        <li>
          <p class="two-factor__text">
            Enter the 6-digit code the app now shows for Resume Builder.
          </p>
          <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
          <form class="auth-form security__form" onSubmit={submit} noValidate>
            <CodeField id="totp-setup-code" kind="totp" {...form.bind("code", code, setCode)} />
            <div class="auth-form__actions">
              <Button type="submit" icon="shield" loading={form.pending()}>
                Turn on two-factor authentication
              </Button>
              <Button variant="ghost" disabled={form.pending()} onClick={props.onCancel}>
                Cancel
              </Button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
