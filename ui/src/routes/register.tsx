import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import "~/auth/auth-pages.css";
import { OAuthButtons } from "~/auth/OAuthButtons";
import { PasswordRequirements, passwordProblem } from "~/auth/PasswordRequirements";
import { isSignupPlan, PLAN_OPTIONS } from "~/auth/plan-options";
import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { register, type SignupPlan } from "~kit/api/auth";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { RadioCardGroup } from "~kit/design-system/components/RadioCardGroup";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { createForm } from "~kit/forms/create-form";
import { EmailField } from "~kit/forms/EmailField";
import { focusOnMount, looksLikeEmail } from "~kit/forms/fields";

export default function RegisterPage() {
  const [search] = useSearchParams<{ plan?: string }>();
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [plan, setPlan] = createSignal<SignupPlan>(
    isSignupPlan(search.plan) ? search.plan : "free",
  );
  /** The address the email went to, once the form was sent. */
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  usePageTitle(() => (sentTo() ? "Check your inbox" : "Create your account"), APP_NAME);

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
  });

  // The API answers the same whether or not the address already has an account (its owner
  // is told by email), so the page cannot and does not say which: it asks everyone to
  // confirm their address and then sign in.
  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const answer = await register(api, {
        name: name().trim(),
        email: email().trim(),
        password: password(),
        plan: plan(),
      });
      setSentTo(answer.email);
    });

  return (
    <div class="ds-container auth-page" classList={{ "auth-page--wide": !sentTo() }}>
      <Show
        when={sentTo()}
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
                {...form.bind("name", name, setName)}
                required
              />
              <EmailField form={form} value={email()} onChange={setEmail} autocomplete="email" />
              <TextField
                id="password"
                label="Password"
                type="password"
                autocomplete="new-password"
                {...form.bind("password", password, setPassword)}
                description={
                  <PasswordRequirements
                    password={password()}
                    context={{ email: email(), name: name() }}
                  />
                }
                required
              />
              <RadioCardGroup
                id="plan"
                label="Plan"
                description="Standard starts its 14-day trial, no card needed, once you confirm your address; Premium and Enterprise start at checkout after you sign in. Billed monthly in US dollars; change plans at any time."
                name="plan"
                options={PLAN_OPTIONS}
                {...form.bind<string>("plan", plan, (value) => {
                  if (isSignupPlan(value)) setPlan(value);
                })}
                required
              />
              <p class="ds-muted">
                By creating an account you agree to our <a href="/terms">Terms</a> and the{" "}
                <a href="/privacy">Privacy notice</a>.
              </p>
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
        {(address) => <CheckInbox email={address()} />}
      </Show>
    </div>
  );
}

function CheckInbox(props: { email: string }) {
  return (
    <>
      <h1 tabindex="-1" ref={focusOnMount}>
        Check your inbox
      </h1>
      <p class="auth-page__lead">
        We sent an email to <strong>{props.email}</strong>. Open the link in it to confirm your
        address, then sign in to set up your account. It may take a minute to arrive; check your
        spam folder too.
      </p>
      <p>
        If this address already has an account, the email says so instead: sign in, or reset your
        password if you have forgotten it.
      </p>
      <p>No email after a few minutes? Sign in and ask for a new link from your account.</p>
      <p>
        <A href="/login?next=%2Fonboarding" class={buttonClass("primary")}>
          Sign in
        </A>
      </p>
    </>
  );
}
