import { useLocation, useNavigate, useResolvedPath } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import type { MfaChallenge } from "~kit/api/auth";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { CodeForm } from "~kit/forms/CodeForm";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import { landingAfterSignIn } from "./landing";
import { completeStaffMfa, signInStaff, staffSession, staffUser } from "./staff-session";
import "./operator-sign-in.css";
import { describeError } from "~kit/forms/describe-error";

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function signInProblem(cause: unknown): string {
  if (cause instanceof ApiError) {
    if (cause.code === "invalid_credentials")
      return "The email address or password is not correct.";
    if (cause.status === 429 || cause.code === "account_locked") return cause.message;
  }
  return `Sign-in failed: ${describeError(cause)}`;
}

/** Sends a staff member who just signed in at the console's root to their role's work. */
function useLandingAfterSignIn(): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  // the location's path starts with the router's base (/admin); the landing rules speak of
  // the console's own paths, where its root is "/"
  const root = useResolvedPath(() => "/");
  return () => {
    const user = staffUser();
    const base = (root() ?? "").replace(/\/$/, "");
    const path = location.pathname.startsWith(base)
      ? location.pathname.slice(base.length) || "/"
      : location.pathname;
    const landing = user ? landingAfterSignIn(user.role, path) : null;
    if (landing) navigate(landing, { replace: true });
  };
}

/** Staff sign in with their own account; the operator token stays available as a fallback. */
export function StaffSignIn(props: { onUseOperatorToken: () => void }) {
  usePageTitle(() => "Staff sign-in", ADMIN_APP_NAME);
  const land = useLandingAfterSignIn();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [emailError, setEmailError] = createSignal<string | null>(null);
  const [passwordError, setPasswordError] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);
  const [challenge, setChallenge] = createSignal<MfaChallenge | null>(null);

  const reason = () => {
    const current = staffSession();
    return current.status === "signed-out" ? current.reason : null;
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const address = email().trim();
    setEmailError(
      !address
        ? "Enter your email address."
        : EMAIL_PATTERN.test(address)
          ? null
          : "Enter an email address like name@example.com.",
    );
    setPasswordError(password() ? null : "Enter your password.");
    if (emailError() || passwordError()) return;
    setPending(true);
    setProblem(null);
    try {
      const answer = await signInStaff(address, password());
      if ("challenge" in answer) setChallenge(answer.challenge);
      else if (!answer.admitted) setPassword("");
      else land();
    } catch (cause) {
      setProblem(signInProblem(cause));
    } finally {
      setPending(false);
    }
  }

  return (
    <div class="ds-container operator-sign-in">
      <Show
        when={challenge()}
        fallback={
          <>
            <h1>Staff sign-in</h1>
            <p class="ds-muted">Sign in with your staff account to use the admin console.</p>
            <Show when={reason()}>{(text) => <Alert tone="warning">{text()}</Alert>}</Show>
            <Show when={problem()}>
              {(text) => (
                <Alert tone="error" title="You are not signed in">
                  {text()}
                </Alert>
              )}
            </Show>
            <form class="ds-stack" onSubmit={submit} noValidate>
              <TextField
                id="staff-email"
                label="Email address"
                type="email"
                autocomplete="username"
                inputMode="email"
                value={email()}
                onChange={setEmail}
                error={emailError() ?? undefined}
                required
              />
              <TextField
                id="staff-password"
                label="Password"
                type="password"
                autocomplete="current-password"
                value={password()}
                onChange={setPassword}
                error={passwordError() ?? undefined}
                required
              />
              <div class="ds-cluster">
                <Button type="submit" icon="log-in" loading={pending()}>
                  Sign in
                </Button>
                <Button variant="ghost" size="sm" onClick={props.onUseOperatorToken}>
                  Use an operator token instead
                </Button>
              </div>
            </form>
          </>
        }
      >
        {(pendingChallenge) => (
          <MfaStep
            challenge={pendingChallenge()}
            onAdmitted={land}
            onRestart={(message) => {
              setPassword("");
              setChallenge(null);
              setProblem(`${message} Enter your password again.`);
            }}
          />
        )}
      </Show>
    </div>
  );
}

/** Second step for accounts with two-factor authentication: an app code or a recovery code. */
function MfaStep(props: {
  challenge: MfaChallenge;
  onAdmitted: () => void;
  onRestart: (message: string) => void;
}) {
  return (
    <CodeForm
      intro={(recovery) => (
        <>
          <h1>Two-factor authentication</h1>
          <p class="ds-muted">
            <Show
              when={recovery()}
              fallback="Enter the 6-digit code your authenticator app shows for Resume Builder."
            >
              Enter one of the recovery codes you saved when you turned on two-factor
              authentication. Each code works once.
            </Show>
          </p>
        </>
      )}
      onSubmit={async (proof) => {
        const answer = await completeStaffMfa(props.challenge, proof);
        if (answer.admitted) props.onAdmitted();
        return answer;
      }}
      onRestart={props.onRestart}
    />
  );
}
