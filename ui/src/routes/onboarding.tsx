import { A } from "@solidjs/router";
import {
  batch,
  createContext,
  createResource,
  createSignal,
  For,
  Match,
  Show,
  Suspense,
  Switch,
  useContext,
} from "solid-js";
import "~/auth/auth-pages.css";
import { createProfileFields, ProfileFields, WEBSITE_MESSAGE } from "~/account/ProfileFields";
import { isSignupPlan, PLAN_OPTIONS, planName } from "~/auth/plan-options";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api, updateCurrentUser } from "~/auth/session";
import { VerifyEmailBanner } from "~/auth/VerifyEmailBanner";
import { goToCheckout } from "~/billing/checkout";
import { APP_NAME } from "~/layout/UserLayout";
import { createForm } from "~kit/forms/create-form";
import { describeError } from "~kit/forms/describe-error";
import "~/onboarding/onboarding.css";
import type { PaidPlan } from "~/api/billing";
import { fetchProfile, updateProfile } from "~/api/profile";
import type { OnboardingStep } from "~core/auth/identity";
import type { Profile, ProfileResult } from "~core/contract/profile";
import type { SignupPlan, User } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { RadioCardGroup } from "~kit/design-system/components/RadioCardGroup";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { LoadError } from "~kit/forms/LoadError";

const STEPS: { id: OnboardingStep; label: string }[] = [
  { id: "profile", label: "About you" },
  { id: "plan", label: "Your plan" },
  { id: "done", label: "All set" },
];

/** Whether the person has moved between steps (rather than just opened the page). */
const StepMoved = createContext<() => boolean>(() => false);

export default function OnboardingPage() {
  usePageTitle(() => "Set up your account", APP_NAME);
  return (
    <RequireSignIn>
      {(user) => (
        <div class="ds-container auth-page auth-page--wide">
          <div>
            <h1>Set up your account</h1>
            <p class="auth-page__lead">Three short steps, and you are ready to write.</p>
          </div>
          <Show when={!user().email_verified}>
            <VerifyEmailBanner user={user()} />
          </Show>
          <Suspense fallback={<SkeletonText lines={5} label="Loading your profile…" />}>
            <Onboarding user={user()} />
          </Suspense>
        </div>
      )}
    </RequireSignIn>
  );
}

function Onboarding(props: { user: User }) {
  const [loaded, { mutate, refetch }] = createResource(() => fetchProfile(api));
  const [step, setStep] = createSignal<OnboardingStep | null>(null);
  const currentStep = () => step() ?? loaded()?.profile.onboarding_step ?? "profile";

  function saved(response: ProfileResult, next: OnboardingStep) {
    // together: the new step renders once, knowing it was reached by moving on
    batch(() => {
      setStep(next);
      mutate(response);
      updateCurrentUser(response.user);
    });
  }

  return (
    <Switch>
      <Match when={loaded.error}>
        <LoadError what="Your profile" error={loaded.error} onRetry={refetch} />
      </Match>
      <Match when={loaded()}>
        {(response) => (
          <section class="onboarding" aria-labelledby="onboarding-step-title">
            <StepList current={currentStep()} />
            <StepMoved.Provider value={() => step() !== null}>
              <Switch>
                <Match when={currentStep() === "profile"}>
                  <ProfileStep
                    profile={response().profile}
                    onSaved={(next) => saved(next, "plan")}
                  />
                </Match>
                <Match when={currentStep() === "plan"}>
                  <PlanStep
                    plan={response().user.plan ?? props.user.plan}
                    intent={response().profile.plan_intent}
                    onBack={() => setStep("profile")}
                    onSaved={(next) => saved(next, "done")}
                  />
                </Match>
                <Match when={currentStep() === "done"}>
                  <DoneStep plan={response().user.plan} />
                </Match>
              </Switch>
            </StepMoved.Provider>
          </section>
        )}
      </Match>
    </Switch>
  );
}

function StepList(props: { current: OnboardingStep }) {
  const index = () => STEPS.findIndex((step) => step.id === props.current);
  return (
    <ol class="onboarding__steps" aria-label="Steps">
      <For each={STEPS}>
        {(step, position) => (
          <li
            class="onboarding__step"
            classList={{
              "is-current": position() === index(),
              "is-done": position() < index(),
            }}
            aria-current={position() === index() ? "step" : undefined}
          >
            <span class="onboarding__step-number" aria-hidden="true">
              {position() + 1}
            </span>
            <span>
              {step.label}
              <Show when={position() < index()}>
                <span class="ds-visually-hidden"> (done)</span>
              </Show>
            </span>
          </li>
        )}
      </For>
    </ol>
  );
}

/**
 * The step's heading. After moving between steps it takes focus, so the new step is read
 * out and Tab continues from there; on the first load focus stays where the page put it.
 */
function StepTitle(props: { number: number; title: string }) {
  const moved = useContext(StepMoved);
  return (
    <h2
      id="onboarding-step-title"
      class="onboarding__title"
      tabindex="-1"
      ref={(element) => {
        if (moved()) queueMicrotask(() => element.focus());
      }}
    >
      <span class="ds-muted onboarding__counter">
        Step {props.number} of {STEPS.length}
      </span>{" "}
      {props.title}
    </h2>
  );
}

function ProfileStep(props: { profile: Profile; onSaved: (response: ProfileResult) => void }) {
  const fields = createProfileFields(props.profile);
  const [skipping, setSkipping] = createSignal(false);
  const [skipError, setSkipError] = createSignal<string | null>(null);

  const form = createForm({
    fields: { headline: "headline", location: "location", website: "website" },
    validate: fields.problems,
    fieldMessages: { website: WEBSITE_MESSAGE },
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const response = await updateProfile(api, { ...fields.values(), onboarding_step: "plan" });
      props.onSaved(response);
    });

  async function skip() {
    setSkipping(true);
    setSkipError(null);
    try {
      props.onSaved(await updateProfile(api, { onboarding_step: "plan" }));
    } catch (error) {
      setSkipError(describeError(error));
    } finally {
      setSkipping(false);
    }
  }

  return (
    <>
      <StepTitle number={1} title="About you" />
      <p class="ds-muted">
        A headline and where you are help us suggest the right templates. All of it is optional and
        you can change it later.
      </p>
      <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
      <Show when={skipError()}>{(message) => <Alert tone="error">{message()}</Alert>}</Show>
      <form class="auth-form onboarding__form" onSubmit={submit} noValidate>
        <ProfileFields
          fields={fields}
          bind={form.bind}
          ids={{ headline: "headline", location: "location", website: "website" }}
          headlineHint="The line under your name, e.g. “Senior product designer”."
          websiteHint="A portfolio or profile page."
        />
        <div class="auth-form__actions">
          <Button type="submit" loading={form.pending()} disabled={skipping()}>
            Save and continue
          </Button>
          <Button
            variant="ghost"
            loading={skipping()}
            disabled={form.pending()}
            onClick={() => void skip()}
          >
            Skip this step
          </Button>
        </div>
      </form>
    </>
  );
}

/**
 * The plan chosen here is a checkout intent: Free (or the plan the account already has)
 * finishes onboarding; a paid plan goes to checkout, as on the pricing page, and the
 * account changes plan only once billing confirms the payment (README "Billing").
 */
function PlanStep(props: {
  plan: string;
  intent: PaidPlan | null;
  onBack: () => void;
  onSaved: (response: ProfileResult) => void;
}) {
  const initial = props.intent ?? props.plan;
  const [plan, setPlan] = createSignal<SignupPlan>(isSignupPlan(initial) ? initial : "free");
  const form = createForm({ fields: { plan: "plan" } });
  const needsCheckout = () => plan() !== "free" && plan() !== props.plan;
  const finish = () => updateProfile(api, { plan_intent: null, onboarding_step: "done" });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const choice = plan();
      if (choice === "free" || !needsCheckout()) props.onSaved(await finish());
      else await goToCheckout(choice, finish);
    });

  return (
    <>
      <StepTitle number={2} title="Your plan" />
      <p class="ds-muted">
        This is the plan you picked when you signed up. Keep it or choose another: Free needs
        nothing more, a paid plan starts at checkout. You can change plans at any time.
      </p>
      <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
      <form class="auth-form" onSubmit={submit} noValidate>
        <RadioCardGroup
          id="plan"
          label="Plan"
          name="plan"
          options={PLAN_OPTIONS}
          {...form.bind<string>("plan", plan, (value) => {
            if (isSignupPlan(value)) setPlan(value);
          })}
          required
        />
        <div class="auth-form__actions">
          <Button type="submit" loading={form.pending()}>
            {needsCheckout()
              ? `Go to checkout for ${planName(plan())}`
              : `Continue with ${planName(plan())}`}
          </Button>
          <Button variant="ghost" icon="chevron-left" onClick={props.onBack}>
            Back
          </Button>
        </div>
      </form>
    </>
  );
}

function DoneStep(props: { plan: string }) {
  return (
    <>
      <StepTitle number={3} title="All set" />
      <p>
        Your account is ready, on the <strong>{planName(props.plan)}</strong> plan. Your resumes,
        account and security settings are on your dashboard.
      </p>
      <p>
        <A href="/dashboard" class={buttonClass("primary")}>
          Go to your dashboard
        </A>
      </p>
    </>
  );
}
