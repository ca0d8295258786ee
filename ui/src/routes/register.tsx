import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import "~/auth/auth-pages.css";
import { OAuthButtons } from "~/auth/OAuthButtons";
import { PasswordRequirements, passwordProblem } from "~/auth/PasswordRequirements";
import { isSignupPlan, PLAN_OPTIONS } from "~/auth/plan-options";
import { ResendVerification } from "~/auth/ResendVerification";
import { api, signIn } from "~/auth/session";
import { createForm, describeError } from "~/forms/create-form";
import { EmailField } from "~/forms/EmailField";
import { focusOnMount, looksLikeEmail } from "~/forms/fields";
import { APP_NAME } from "~/layout/UserLayout";
import { Alert } from "~ds/components/Alert";
import { Button, buttonClass } from "~ds/components/Button";
import { ErrorSummary } from "~ds/components/ErrorSummary";
import { RadioCardGroup } from "~ds/components/RadioCardGroup";
import { TextField } from "~ds/components/TextField";
import { usePageTitle } from "~ds/layout/usePageTitle";
import { register, type SignupPlan } from "~shared/api/auth";

type Outcome = { email: string; signedIn: true } | { email: string; signedIn: false; why: string };

export default function RegisterPage() {
  const [search] = useSearchParams<{ plan?: string }>();
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [plan, setPlan] = createSignal<SignupPlan>(
    isSignupPlan(search.plan) ? search.plan : "free",
  );
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  usePageTitle(() => (outcome() ? "Check your inbox" : "Create your account"), APP_NAME);

  const form = createForm({
    fields: { name: "name", email: "email", password: "password", plan: "plan" },
    validate: () => ({
      name: name().trim() ? undefined : "Enter your name.",
      email: !email().trim()
        ? "Enter your email address."
        : looksLikeEmail(email())
          ? undefined
          : "Enter an email address like name@example.com.",
      password: password()
        ? passwordProblem(password(), { email: email(), name: name() })
        : "Choose a password.",
    }),
    fieldMessages: {
      email: "Enter an email address like name@example.com.",
      name: "Enter your name (up to 100 characters).",
    },
    placeError: (error) => {
      if (error.code === "conflict") {
        return {
          fields: {
            email:
              "An account with this email address already exists. Sign in, or reset your password if you have forgotten it.",
          },
        };
      }
      return undefined;
    },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const details = {
        name: name().trim(),
        email: email().trim(),
        password: password(),
        plan: plan(),
      };
      await register(api, details);
      // Sign in straight away with the same credentials: resending the email and
      // onboarding need a session.
      try {
        const answer = await signIn(details.email, details.password);
        setOutcome(
          "user" in answer
            ? { email: details.email, signedIn: true }
            : {
                email: details.email,
                signedIn: false,
                why: "This account asks for a second sign-in step.",
              },
        );
      } catch (error) {
        setOutcome({ email: details.email, signedIn: false, why: describeError(error) });
      }
    });

  return (
    <div class="ds-container auth-page" classList={{ "auth-page--wide": !outcome() }}>
      <Show
        when={outcome()}
        fallback={
          <>
            <div>
              <h1>Create your account</h1>
              <p class="auth-page__lead">
                Already have one? <A href="/login">Sign in</A>.
              </p>
            </div>
            <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
            <form class="auth-form" onSubmit={submit} noValidate>
              <TextField
                id="name"
                label="Name"
                autocomplete="name"
                maxLength={100}
                value={name()}
                onChange={(value) => {
                  setName(value);
                  form.edited("name");
                }}
                error={form.error("name")}
                required
              />
              <EmailField form={form} value={email()} onChange={setEmail} autocomplete="email" />
              <TextField
                id="password"
                label="Password"
                type="password"
                autocomplete="new-password"
                value={password()}
                onChange={(value) => {
                  setPassword(value);
                  form.edited("password");
                }}
                description={
                  <PasswordRequirements
                    password={password()}
                    context={{ email: email(), name: name() }}
                  />
                }
                error={form.error("password")}
                required
              />
              <RadioCardGroup
                id="plan"
                label="Plan"
                description="You can change plans at any time. Paid plans are billed monthly in US dollars."
                name="plan"
                options={PLAN_OPTIONS}
                value={plan()}
                onChange={(value) => {
                  if (isSignupPlan(value)) setPlan(value);
                  form.edited("plan");
                }}
                error={form.error("plan")}
                required
              />
              <div class="auth-form__actions">
                <Button type="submit" icon="user-plus" loading={form.pending()}>
                  Create account
                </Button>
              </div>
            </form>
            <OAuthButtons label="Or sign up with" />
          </>
        }
      >
        {(done) => <CheckInbox outcome={done()} />}
      </Show>
    </div>
  );
}

const failureReason = (outcome: Outcome) => (outcome.signedIn ? "" : outcome.why);

function CheckInbox(props: { outcome: Outcome }) {
  return (
    <>
      <h1 tabindex="-1" ref={focusOnMount}>
        Check your inbox
      </h1>
      <p class="auth-page__lead">
        Your account is ready. We sent a link to <strong>{props.outcome.email}</strong>: open it to
        confirm your email address. It may take a minute to arrive; check your spam folder too.
      </p>
      <Show
        when={props.outcome.signedIn}
        fallback={
          <>
            <Alert tone="warning" title="We couldn't sign you in">
              {failureReason(props.outcome)} Sign in with your new account to continue.
            </Alert>
            <p>
              <A href="/login?next=%2Fonboarding" class={buttonClass("primary")}>
                Sign in
              </A>
            </p>
          </>
        }
      >
        <ResendVerification />
        <p>
          <A href="/onboarding" class={buttonClass("primary")}>
            Continue setting up your account
          </A>
        </p>
      </Show>
    </>
  );
}
