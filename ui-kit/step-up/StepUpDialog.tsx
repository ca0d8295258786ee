import { createSignal, For, Match, Show, Switch } from "solid-js";
import type { StepUpProof } from "../../core/contract/auth";
import type { ApiClient } from "../api/client";
import { ApiError } from "../api/envelope";
import { fetchMfaStatus, passkeyStepUp, passkeyStepUpOptions, stepUp } from "../api/mfa";
import { Alert } from "../design-system/components/Alert";
import { Button, buttonClass } from "../design-system/components/Button";
import { Modal } from "../design-system/components/Modal";
import { SkeletonText } from "../design-system/components/Skeleton";
import { TextField } from "../design-system/components/TextField";
import { describeError } from "../forms/describe-error";
import { type StepUpDemand, type StepUpMethod, stepUpDemand } from "./demand";
import type { StepUpController } from "./step-up";
import "./step-up.css";

type Proof = StepUpMethod;
type TypedProof = Exclude<Proof, "passkey">;

const FIELD: Record<TypedProof, { label: string }> = {
  password: { label: "Password" },
  totp: { label: "Authentication code" },
  recovery_code: { label: "Recovery code" },
};

const SWITCH_TO: Record<Proof, string> = {
  password: "Use your password",
  totp: "Use a code from the app",
  recovery_code: "Use a recovery code",
  passkey: "Use a passkey",
};

const ORDER: Proof[] = ["totp", "password", "passkey", "recovery_code"];

export const MFA_SETUP_NEEDED = "Turn on two-factor authentication for this account to do this.";

/** The proofs to offer, most convenient first; none means a second factor must be set up. */
function offeredProofs(demand: StepUpDemand, methods: readonly StepUpMethod[]): Proof[] {
  const offered = new Set(methods);
  return ORDER.filter(
    (proof) => offered.has(proof) && !(demand.secondFactor && proof === "password"),
  );
}

/** When the refusal did not list the methods: whether the account has a second factor. */
async function askForMethods(api: ApiClient): Promise<StepUpMethod[]> {
  const status = await fetchMfaStatus(api).catch(() => null);
  return status?.enabled ? ["totp", "recovery_code"] : ["password"];
}

function problemOf(proof: TypedProof, value: string): string | undefined {
  const trimmed = value.replace(/\s+/g, "");
  if (proof === "password") return value ? undefined : "Enter your password.";
  if (proof === "totp")
    return /^\d{6}$/.test(trimmed)
      ? undefined
      : "Enter the 6-digit code from your authenticator app.";
  return trimmed.length >= 10 ? undefined : "Enter one of your recovery codes.";
}

function proofFor(proof: TypedProof, value: string): StepUpProof {
  if (proof === "password") return { password: value };
  if (proof === "totp") return { code: value.replace(/\s+/g, "") };
  return { recovery_code: value.trim() };
}

function wrongProofMessage(proof: Proof): string {
  if (proof === "passkey")
    return "That passkey did not confirm it's you. Try again or use another way.";
  if (proof === "password") return "That password is not correct.";
  if (proof === "totp")
    return "That code is not correct. Codes change every 30 seconds; try the current one.";
  return "That recovery code is not valid or has been used.";
}

export interface StepUpDialogProps {
  controller: StepUpController;
  /** The client the refused request came from: the proof must reach the same session. */
  api: ApiClient;
  /** Where two-factor authentication is set up (the user app's security page). */
  setupHref: string;
}

/**
 * One dialog for both apps: when a request is refused until the person proves it is them
 * again, it asks for the proof the server accepts (password, authenticator code or recovery
 * code), confirms it with POST /api/auth/step-up and lets the request be sent again; cancel
 * hands the refusal back to whoever made the request. Mount it once per app.
 */
export function StepUpDialog(props: StepUpDialogProps) {
  return (
    <Show when={props.controller.pending()} keyed>
      {(error) => (
        <StepUpPrompt
          demand={stepUpDemand(error)}
          api={props.api}
          setupHref={props.setupHref}
          onDone={props.controller.settle}
        />
      )}
    </Show>
  );
}

function StepUpPrompt(props: {
  demand: StepUpDemand;
  api: ApiClient;
  setupHref: string;
  onDone: (passed: boolean) => void;
}) {
  const listed = props.demand.methods;
  const [proofs, setProofs] = createSignal<Proof[] | null>(
    listed ? offeredProofs(props.demand, listed) : null,
  );
  // known at once, the field exists when the dialog opens and takes focus then; found out
  // later, it takes focus when it appears
  if (!listed) {
    void askForMethods(props.api).then((methods) =>
      setProofs(offeredProofs(props.demand, methods)),
    );
  }
  const [chosen, setChosen] = createSignal<Proof | null>(null);
  const proof = (): Proof | null => chosen() ?? proofs()?.[0] ?? null;
  const [value, setValue] = createSignal("");
  const [fieldError, setFieldError] = createSignal<string | undefined>();
  const [formError, setFormError] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);
  let input: HTMLInputElement | undefined;
  let confirmButton: HTMLButtonElement | undefined;
  /** What has focus on opening and after switching: the field, or the passkey button. */
  const focusTarget = () => (proof() === "passkey" ? confirmButton : input);

  const needsSetup = () => proofs()?.length === 0;

  const title = () => (needsSetup() ? "Two-factor authentication needed" : "Confirm it's you");
  const description = () => {
    if (needsSetup()) return undefined;
    if (props.demand.reason === "mfa_required")
      return "Sensitive actions need two-factor authentication. Confirm it's you to continue.";
    return props.demand.secondFactor
      ? "This is a sensitive action: confirm it's you with your second factor to continue."
      : "For your security, confirm it's you to continue.";
  };

  function choose(next: Proof) {
    setChosen(next);
    setValue("");
    setFieldError(undefined);
    setFormError(null);
    queueMicrotask(() => focusTarget()?.focus());
  }

  /** The WebAuthn ceremony; the library loads only when someone picks a passkey. */
  async function confirmWithPasskey() {
    const { challenge_id, options } = await passkeyStepUpOptions(props.api);
    const { startAuthentication } = await import("@simplewebauthn/browser");
    let response: unknown;
    try {
      response = await startAuthentication({
        optionsJSON: options,
      });
    } catch {
      // cancelled, timed out or no passkey here: the browser says no more than that
      throw new Error("No passkey was used. Try again, or confirm another way.");
    }
    await passkeyStepUp(props.api, challenge_id, response);
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const current = proof();
    if (!current || pending()) return;
    const problem = current === "passkey" ? undefined : problemOf(current, value());
    setFieldError(problem);
    setFormError(null);
    if (problem) {
      input?.focus();
      return;
    }
    setPending(true);
    try {
      if (current === "passkey") await confirmWithPasskey();
      else await stepUp(props.api, proofFor(current, value()));
      props.onDone(true);
    } catch (error) {
      const wrong = error instanceof ApiError && error.code === "invalid_credentials";
      if (wrong && current !== "passkey") {
        setFieldError(wrongProofMessage(current));
        input?.select();
      } else {
        setFormError(wrong ? wrongProofMessage(current) : describeError(error));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <Modal
      open
      onOpenChange={(open) => !open && !pending() && props.onDone(false)}
      title={title()}
      description={description()}
      initialFocus={focusTarget}
      footer={
        <Switch>
          <Match when={needsSetup()}>
            <Button variant="outline" onClick={() => props.onDone(false)}>
              Not now
            </Button>
            <a
              class={buttonClass("primary")}
              href={props.setupHref}
              onClick={() => props.onDone(false)}
            >
              Set up two-factor authentication
            </a>
          </Match>
          <Match when={proof()}>
            <Button variant="outline" disabled={pending()} onClick={() => props.onDone(false)}>
              Cancel
            </Button>
            <Button
              type="submit"
              form="step-up-form"
              icon={proof() === "passkey" ? "lock" : undefined}
              loading={pending()}
              ref={(element: HTMLButtonElement) => {
                confirmButton = element;
              }}
            >
              {proof() === "passkey" ? "Use a passkey" : "Confirm"}
            </Button>
          </Match>
        </Switch>
      }
    >
      <Switch>
        <Match when={needsSetup()}>
          <div class="ds-stack step-up__setup">
            <p>{MFA_SETUP_NEEDED}</p>
            <p class="ds-muted">
              Set it up on your account's security page with an authenticator app, then come back
              and try again.
            </p>
          </div>
        </Match>
        <Match when={proof()}>
          {(current) => (
            <form id="step-up-form" class="ds-stack" onSubmit={submit} noValidate>
              <Show when={formError()}>
                {(message) => (
                  <Alert tone="error" title="Not confirmed">
                    {message()}
                  </Alert>
                )}
              </Show>
              <Show
                when={(() => {
                  const typed = current();
                  return typed === "passkey" ? null : typed;
                })()}
                fallback={
                  <p class="step-up__passkey">
                    Use a passkey saved for this account: your device asks for your fingerprint,
                    face or screen lock, or for your security key.
                  </p>
                }
              >
                {(typed) => (
                  <TextField
                    id="step-up-proof"
                    label={FIELD[typed()].label}
                    type={typed() === "password" ? "password" : "text"}
                    autocomplete={
                      typed() === "password"
                        ? "current-password"
                        : typed() === "totp"
                          ? "one-time-code"
                          : "off"
                    }
                    inputMode={typed() === "totp" ? "numeric" : "text"}
                    maxLength={typed() === "password" ? undefined : typed() === "totp" ? 7 : 20}
                    value={value()}
                    onChange={(next) => {
                      setValue(next);
                      setFieldError(undefined);
                    }}
                    error={fieldError()}
                    ref={(element) => {
                      input = element;
                      if (!listed) setTimeout(() => element.focus(), 0);
                    }}
                    required
                  />
                )}
              </Show>
              <Show when={(proofs() ?? []).length > 1}>
                <div class="step-up__alternatives">
                  <For each={(proofs() ?? []).filter((other) => other !== current())}>
                    {(other) => (
                      <Button variant="ghost" size="sm" onClick={() => choose(other)}>
                        {SWITCH_TO[other]}
                      </Button>
                    )}
                  </For>
                </div>
              </Show>
            </form>
          )}
        </Match>
        <Match when={true}>
          <SkeletonText lines={2} label="Checking how you can confirm it's you…" />
        </Match>
      </Switch>
    </Modal>
  );
}
