import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { api, currentUser, updateCurrentUser } from "~/auth/session";
import { fetchMfaStatus, startTotpSetup } from "~kit/api/mfa";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { describeError } from "~kit/forms/describe-error";
import { focusOnMount } from "~kit/forms/fields";
import { RecoveryCodes } from "./RecoveryCodes";
import { TotpSetup } from "./TotpSetup";
import { TwoFactorManage } from "./TwoFactorManage";
import "./two-factor.css";

type View =
  | { step: "overview"; notice?: string }
  | { step: "setup"; secret: string; otpauthUrl: string }
  | { step: "codes"; codes: string[]; enrolled: boolean };

/**
 * Two-factor authentication with an authenticator app (TOTP): its status; setting it up
 * (QR code or key, a first code, then the recovery codes, shown once); new recovery codes;
 * turning it off.
 */
export function TwoFactor() {
  const [status, { refetch, mutate }] = createResource(() => fetchMfaStatus(api));
  const [view, setView] = createSignal<View>({ step: "overview" });
  const [starting, setStarting] = createSignal(false);
  const [startError, setStartError] = createSignal<string | null>(null);

  // The badge and the account menu follow the change at once: the recovery codes come first,
  // and the status is only fetched again after them.
  const setMfaEnabled = (enabled: boolean) => {
    const user = currentUser();
    if (user) updateCurrentUser({ ...user, mfa_enabled: enabled });
    mutate((current) => (current ? { ...current, enabled } : current));
  };

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      const { secret, otpauth_url } = await startTotpSetup(api);
      setView({ step: "setup", secret, otpauthUrl: otpauth_url });
    } catch (error) {
      setStartError(describeError(error));
    } finally {
      setStarting(false);
    }
  }

  const backToOverview = (notice?: string) => {
    setView({ step: "overview", notice });
    void refetch();
  };

  return (
    <Card
      title="Two-factor authentication"
      id="two-factor"
      actions={
        <Show when={status.state === "ready" || status.state === "refreshing"}>
          <Badge tone={status.latest?.enabled ? "success" : "neutral"}>
            {status.latest?.enabled ? "On" : "Off"}
          </Badge>
        </Show>
      }
    >
      <Switch>
        <Match
          when={(() => {
            const current = view();
            return current.step === "setup" ? current : null;
          })()}
        >
          {(setup) => (
            <TotpSetup
              secret={setup().secret}
              otpauthUrl={setup().otpauthUrl}
              onEnabled={(codes) => {
                setMfaEnabled(true);
                setView({ step: "codes", codes, enrolled: true });
              }}
              onCancel={() =>
                backToOverview("Set-up cancelled: two-factor authentication is still off.")
              }
            />
          )}
        </Match>
        <Match
          when={(() => {
            const current = view();
            return current.step === "codes" ? current : null;
          })()}
        >
          {(shown) => (
            <RecoveryCodes
              codes={shown().codes}
              enrolled={shown().enrolled}
              onSaved={() =>
                backToOverview(
                  shown().enrolled
                    ? "Two-factor authentication is on. Sign-ins now ask for a code from your app."
                    : "Your new recovery codes are ready; the old ones no longer work.",
                )
              }
            />
          )}
        </Match>
        <Match when={status.error}>
          <Alert
            tone="error"
            action={
              <Button variant="outline" size="sm" onClick={() => void refetch()}>
                Try again
              </Button>
            }
          >
            Two-factor authentication could not be checked: {describeError(status.error)}
          </Alert>
        </Match>
        <Match when={status.latest}>
          {(current) => (
            <div class="ds-stack">
              <Show when={view().step === "overview" && (view() as { notice?: string }).notice}>
                {(notice) => (
                  <div tabindex="-1" ref={focusOnMount} class="two-factor__notice">
                    <Alert tone={current().enabled ? "success" : "info"}>{notice()}</Alert>
                  </div>
                )}
              </Show>
              <Show
                when={current().enabled}
                fallback={
                  <div class="ds-stack">
                    <p class="two-factor__text">
                      Protect your account with a second step at sign-in: a 6-digit code from an
                      authenticator app on your phone (Google Authenticator, 1Password, Authy or
                      similar), so your password alone is not enough.
                    </p>
                    <Show when={startError()}>
                      {(message) => (
                        <Alert tone="error" title="Set-up could not start">
                          {message()}
                        </Alert>
                      )}
                    </Show>
                    <div>
                      <Button icon="shield" loading={starting()} onClick={() => void start()}>
                        Set up two-factor authentication
                      </Button>
                    </div>
                  </div>
                }
              >
                <TwoFactorManage
                  recoveryCodesLeft={current().recovery_codes_left}
                  onNewCodes={(codes) => setView({ step: "codes", codes, enrolled: false })}
                  onDisabled={() => {
                    setMfaEnabled(false);
                    backToOverview("Two-factor authentication is off.");
                  }}
                />
              </Show>
            </div>
          )}
        </Match>
        <Match when={true}>
          <SkeletonText lines={2} label="Checking two-factor authentication…" />
        </Match>
      </Switch>
    </Card>
  );
}
