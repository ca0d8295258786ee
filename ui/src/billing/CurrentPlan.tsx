import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import {
  cancelSubscription,
  type PaidPlan,
  reactivateSubscription,
  type SubscriptionView,
} from "~/api/billing";
import { api } from "~/auth/session";
import { isPlan, PLANS, type Plan } from "~core/plans/entitlements";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge } from "~kit/design-system/components/Badge";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { Select } from "~kit/design-system/components/Select";
import { describeError } from "~kit/forms/describe-error";
import { ChangePlanDialog } from "./ChangePlanDialog";
import { ConfirmDialog } from "./ConfirmDialog";
import { goToCheckout } from "./checkout";
import { withIdempotencyKey } from "./idempotency";
import { planAction, planLabel, priceLabel } from "./plans";
import { describeState, formatDay, isLive, STATE_LABEL, STATE_TONE } from "./status";
import { waitForSubscription } from "./subscription";

export interface CurrentPlanProps {
  view: SubscriptionView;
  /** Tells the page's live region what happened. */
  announce: (message: string) => void;
}

/** The plan and its state, and the changes a person can make to it. */
export function CurrentPlan(props: CurrentPlanProps) {
  const [confirm, setConfirm] = createSignal<"cancel" | "reactivate" | null>(null);
  const [changeTo, setChangeTo] = createSignal<Plan | null>(null);
  const [choice, setChoice] = createSignal<string>("");
  const [checkingOut, setCheckingOut] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  const sub = () => props.view.subscription;
  const live = () => isLive(props.view);
  const plan = () => sub()?.plan ?? props.view.plan;
  const cardless = () => sub()?.status === "trialing" && !sub()?.default_payment_method_id;
  const canReactivate = () =>
    props.view.state === "canceled" && Date.parse(sub()?.current_period_end ?? "") > Date.now();

  const facts = () => {
    const s = sub();
    const list = [
      { label: "Plan", value: planLabel(plan()) },
      {
        label: "Price",
        value: isPlan(plan()) ? `${priceLabel(plan() as Plan)} a month` : "—",
      },
    ];
    if (!s || !live()) return list;
    if (s.status === "trialing") {
      list.push({ label: "Trial ends", value: formatDay(s.trial_end) });
      list.push({ label: "Trial days left", value: String(s.trial_days_left) });
    }
    list.push({
      label: s.cancel_at_period_end ? "Access until" : "Next renewal",
      value: formatDay(s.current_period_end),
    });
    if (s.pending_plan)
      list.push({
        label: "Scheduled change",
        value: `${planLabel(s.pending_plan)} from ${formatDay(s.current_period_end)}`,
      });
    if (s.grace_ends_at) list.push({ label: "Grace ends", value: formatDay(s.grace_ends_at) });
    return list;
  };

  const changeOptions = () =>
    PLANS.filter((p) => p !== plan()).map((p) => ({
      value: p,
      label: `${planAction(plan(), p) === "upgrade" ? "Upgrade" : "Switch"} to ${planLabel(p)} (${priceLabel(p)} a month)`,
    }));

  async function addCard() {
    if (!isPlan(plan()) || plan() === "free") return;
    setCheckingOut(true);
    setProblem(null);
    try {
      await goToCheckout(plan() as PaidPlan);
    } catch (error) {
      setCheckingOut(false);
      setProblem(describeError(error));
    }
  }

  async function settle(message: string, done: (view: SubscriptionView) => boolean) {
    props.announce(`${message} Waiting for confirmation…`);
    const confirmed = await waitForSubscription(done);
    props.announce(
      confirmed ? message : `${message} It may take a minute to show here; reload to check.`,
    );
  }

  return (
    <Card title="Your plan" class="billing-plan">
      <p class="billing-plan__state">
        <Badge tone={STATE_TONE[props.view.state]}>{STATE_LABEL[props.view.state]}</Badge>
        <span>{describeState(props.view)}</span>
      </p>
      <FactList facts={facts()} />
      <Show when={problem()}>
        <Alert tone="error">{problem()}</Alert>
      </Show>
      <div class="billing-plan__actions">
        <Show when={cardless()}>
          <Button loading={checkingOut()} onClick={() => void addCard()}>
            Add a card
          </Button>
        </Show>
        <Show when={live() && !sub()?.cancel_at_period_end}>
          <Button variant="outline" onClick={() => setConfirm("cancel")}>
            Cancel plan
          </Button>
        </Show>
        <Show when={canReactivate()}>
          <Button onClick={() => setConfirm("reactivate")}>Reactivate {planLabel(plan())}</Button>
        </Show>
        <Show when={sub()?.pending_plan && isPlan(plan())}>
          <Button variant="outline" onClick={() => setChangeTo(plan() as Plan)}>
            Keep {planLabel(plan())}
          </Button>
        </Show>
        <Show when={!live()}>
          <A href="/pricing" class={buttonClass("primary")}>
            See plans
          </A>
        </Show>
      </div>
      <Show when={live() && !sub()?.cancel_at_period_end}>
        <form
          class="billing-plan__change"
          onSubmit={(event) => {
            event.preventDefault();
            if (isPlan(choice())) setChangeTo(choice() as Plan);
          }}
        >
          <Select
            label="Change plan"
            description="Upgrades apply now with a prorated charge; downgrades start with the next billing cycle."
            options={changeOptions()}
            value={choice()}
            onChange={setChoice}
            placeholder="Choose a plan"
          />
          <Button type="submit" variant="outline" disabled={!isPlan(choice())}>
            Review change
          </Button>
        </form>
      </Show>

      <ConfirmDialog
        open={confirm() === "cancel"}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={`Cancel ${planLabel(plan())}?`}
        confirmLabel="Cancel plan"
        cancelLabel={`Keep ${planLabel(plan())}`}
        tone="danger"
        onConfirm={async () => {
          const { access_until } = await withIdempotencyKey("cancel", (key) =>
            cancelSubscription(api, key),
          );
          void settle(
            `Cancelled: access until ${formatDay(access_until)}.`,
            (v) => v.subscription?.cancel_at_period_end === true,
          );
        }}
      >
        <p>
          You keep {planLabel(plan())} until {formatDay(sub()?.current_period_end)}; then the
          account moves to Free and nothing more is charged. You can reactivate before that date.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm() === "reactivate"}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={`Reactivate ${planLabel(plan())}?`}
        confirmLabel="Reactivate"
        onConfirm={async () => {
          const { renews_at } = await withIdempotencyKey("reactivate", (key) =>
            reactivateSubscription(api, key),
          );
          void settle(
            `Reactivated: ${planLabel(plan())} renews on ${formatDay(renews_at)}.`,
            (v) => v.subscription?.cancel_at_period_end === false,
          );
        }}
      >
        <p>
          {planLabel(plan())} continues and renews on {formatDay(sub()?.current_period_end)} at{" "}
          {isPlan(plan()) ? priceLabel(plan() as Plan) : ""} a month.
        </p>
      </ConfirmDialog>
      <ChangePlanDialog
        view={props.view}
        target={changeTo()}
        onClose={() => setChangeTo(null)}
        onChanged={(change, target) => {
          setChangeTo(null);
          setChoice("");
          const name = planLabel(target);
          if (change.change === "upgrade")
            void settle(`Upgraded to ${name}.`, (v) => v.subscription?.plan === target);
          else if (change.change === "keep")
            void settle(`You stay on ${name}.`, (v) => !v.subscription?.pending_plan);
          else if (change.change === "cancel")
            void settle(
              `Cancelled: access until ${formatDay(change.effective_at)}.`,
              (v) => v.subscription?.cancel_at_period_end === true,
            );
          else
            void settle(
              `${name} starts on ${formatDay(change.effective_at)}.`,
              (v) => v.subscription?.pending_plan === target,
            );
        }}
      />
    </Card>
  );
}
