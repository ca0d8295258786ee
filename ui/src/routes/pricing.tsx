import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, Match, on, Show, Switch } from "solid-js";
import type { PaidPlan } from "~/api/billing";
import { currentUser, loadSession, session } from "~/auth/session";
import { ChangePlanDialog } from "~/billing/ChangePlanDialog";
import { goToCheckout } from "~/billing/checkout";
import { ComparisonTable, PlanCards } from "~/billing/PlanComparison";
import { planAction, planLabel } from "~/billing/plans";
import { isLive } from "~/billing/status";
import { refreshSubscription, subscription } from "~/billing/subscription";
import { APP_NAME } from "~/layout/UserLayout";
import type { Plan } from "~core/plans/entitlements";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { showToast } from "~kit/design-system/components/Toast";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { describeError } from "~kit/forms/describe-error";

export default function PricingPage() {
  usePageTitle(() => "Plans and pricing", APP_NAME);
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams<{ checkout?: string }>();
  const [busy, setBusy] = createSignal<Plan | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [changeTo, setChangeTo] = createSignal<Plan | null>(null);
  const [announcement, setAnnouncement] = createSignal("");
  void loadSession();

  // signed in: the plan to mark and which buttons apply come from the subscription
  createEffect(
    on(currentUser, (user) => {
      if (user) void refreshSubscription().catch((error) => setProblem(describeError(error)));
    }),
  );

  const view = () => (currentUser() ? subscription() : null);
  const currentPlan = () => view()?.subscription?.plan ?? view()?.plan ?? currentUser()?.plan;
  const cardlessTrial = () =>
    view()?.subscription?.status === "trialing" &&
    view()?.subscription?.default_payment_method_id === null;

  async function checkout(plan: PaidPlan) {
    setBusy(plan);
    setProblem(null);
    setAnnouncement(`Opening checkout for ${planLabel(plan)}…`);
    try {
      await goToCheckout(plan);
    } catch (error) {
      setBusy(null);
      setAnnouncement("");
      setProblem(describeError(error));
    }
  }

  function action(plan: Plan) {
    const user = currentUser();
    const name = planLabel(plan);
    if (!user) {
      return (
        <A
          href={`/register?plan=${plan}`}
          class={buttonClass(plan === "standard" ? "primary" : "outline")}
        >
          Start with {name}
        </A>
      );
    }
    const current = view();
    if (!current) return <p class="ds-muted pricing-plan__hint">Loading your plan…</p>;
    const kind = planAction(currentPlan() ?? "free", plan);
    if (kind === "current") {
      if (plan !== "free" && cardlessTrial()) {
        return (
          <Button loading={busy() === plan} onClick={() => void checkout(plan as PaidPlan)}>
            Add a card to keep {name}
          </Button>
        );
      }
      if (isLive(current) && current.subscription?.pending_plan) {
        return (
          <Button variant="outline" onClick={() => setChangeTo(plan)}>
            Keep {name}
          </Button>
        );
      }
      return <p class="pricing-plan__hint">This is your plan</p>;
    }
    if (isLive(current)) {
      if (current.subscription?.pending_plan === plan) {
        return <p class="pricing-plan__hint">Starts with your next billing cycle</p>;
      }
      return (
        <Button
          variant={kind === "upgrade" ? "primary" : "outline"}
          onClick={() => setChangeTo(plan)}
        >
          {kind === "upgrade" ? `Upgrade to ${name}` : `Switch to ${name}`}
        </Button>
      );
    }
    if (plan === "free") return <p class="pricing-plan__hint">No card needed</p>;
    const trial = plan === "standard" && current.trial_available;
    return (
      <Button
        variant={plan === "standard" ? "primary" : "outline"}
        loading={busy() === plan}
        disabled={busy() !== null && busy() !== plan}
        onClick={() => void checkout(plan)}
      >
        {trial ? `Start ${name} trial` : `Choose ${name}`}
      </Button>
    );
  }

  return (
    <div class="ds-container ds-stack pricing-page">
      <header class="ds-page-header">
        <div>
          <h1>Plans and pricing</h1>
          <p class="ds-muted">
            Upgrades apply at once and are prorated; downgrades start with the next billing cycle; a
            cancelled plan runs to the end of the period you paid for. Prices in US dollars, billed
            monthly.
          </p>
        </div>
        <Show when={currentUser()}>
          <A href="/account/billing" class={buttonClass("outline", "sm")}>
            Billing settings
          </A>
        </Show>
      </header>
      <p class="ds-visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Switch>
        <Match when={search.checkout === "canceled"}>
          <Alert
            tone="info"
            title="Checkout cancelled"
            action={
              <Button variant="ghost" size="sm" onClick={() => setSearch({ checkout: undefined })}>
                Dismiss
              </Button>
            }
          >
            Nothing was charged and your plan has not changed.
          </Alert>
        </Match>
      </Switch>
      <Show when={problem()}>
        <Alert tone="error" title="That did not work">
          {problem()}
        </Alert>
      </Show>
      <Show when={session().status !== "loading"}>
        <PlanCards currentPlan={currentUser() ? currentPlan() : undefined} action={action} />
      </Show>
      <ComparisonTable currentPlan={currentUser() ? currentPlan() : undefined} />
      <Show when={view()}>
        {(current) => (
          <ChangePlanDialog
            view={current()}
            target={changeTo()}
            onClose={() => setChangeTo(null)}
            onChanged={(change, plan) => {
              setChangeTo(null);
              showToast({
                title:
                  change.change === "upgrade"
                    ? `Upgrading to ${planLabel(plan)}`
                    : change.change === "keep"
                      ? `You stay on ${planLabel(plan)}`
                      : `${planLabel(plan)} is scheduled`,
                tone: "success",
              });
              navigate("/account/billing?changed=1");
            }}
          />
        )}
      </Show>
    </div>
  );
}
