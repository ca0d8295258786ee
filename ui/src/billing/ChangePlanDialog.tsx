import { Match, Switch } from "solid-js";
import { changePlan, type PlanChange, type SubscriptionView } from "~/api/billing";
import { api } from "~/auth/session";
import { formatCents, prorationCents } from "~core/billing/lifecycle";
import { isPlan, type Plan } from "~core/plans/entitlements";
import { ConfirmDialog } from "./ConfirmDialog";
import { withIdempotencyKey } from "./idempotency";
import { planAction, planLabel, priceLabel } from "./plans";
import { formatDay } from "./status";

export interface ChangePlanDialogProps {
  view: SubscriptionView;
  /** The plan asked for; null keeps the dialog closed. */
  target: Plan | null;
  onClose: () => void;
  onChanged: (change: PlanChange, plan: Plan) => void;
}

/** What an upgrade costs today: the same estimate the server makes (core/billing/lifecycle). */
function estimate(view: SubscriptionView, target: Plan): number {
  const sub = view.subscription;
  if (!sub || sub.status === "trialing" || !isPlan(sub.plan)) return 0;
  const start = Date.parse(sub.current_period_start) / 1000;
  const end = Date.parse(sub.current_period_end) / 1000;
  return Math.max(0, prorationCents(sub.plan, target, { start, end }, Date.now() / 1000));
}

/**
 * Upgrade now (prorated), downgrade at the next cycle, or keep the plan when a downgrade is
 * scheduled — each confirmed first with what it costs and when it applies.
 */
export function ChangePlanDialog(props: ChangePlanDialogProps) {
  const current = () => props.view.subscription?.plan ?? props.view.plan;
  const target = () => props.target ?? "free";
  const action = () => planAction(current(), target());
  const name = () => planLabel(target());
  const periodEnd = () => formatDay(props.view.subscription?.current_period_end);
  const trialing = () => props.view.subscription?.status === "trialing";

  const title = () => {
    if (action() === "current") return `Keep ${name()}`;
    return action() === "upgrade" ? `Upgrade to ${name()}` : `Switch to ${name()}`;
  };

  return (
    <ConfirmDialog
      open={props.target !== null}
      onOpenChange={(open) => !open && props.onClose()}
      title={title()}
      confirmLabel={title()}
      onConfirm={async () => {
        const plan = target();
        const change = await withIdempotencyKey(`change:${plan}`, (key) =>
          changePlan(api, plan, key),
        );
        props.onChanged(change, plan);
      }}
    >
      <Switch>
        <Match when={action() === "current"}>
          <p>
            Stay on {name()} and drop the switch scheduled for {periodEnd()}. Nothing is charged
            now.
          </p>
        </Match>
        <Match when={action() === "upgrade" && trialing()}>
          <p>
            {name()} applies now and your trial continues on it. Nothing is charged today; after the
            trial, {name()} is {priceLabel(target())} a month.
          </p>
        </Match>
        <Match when={action() === "upgrade"}>
          <p>
            {name()} applies now. Today your card is charged the prorated difference for the rest of
            this period — about {formatCents(estimate(props.view, target()))} — and from{" "}
            {periodEnd()} {name()} is {priceLabel(target())} a month.
          </p>
        </Match>
        <Match when={target() === "free"}>
          <p>
            Your plan ends on {periodEnd()} and the account moves to Free. You keep everything until
            then and can change your mind before that date.
          </p>
        </Match>
        <Match when={action() === "downgrade"}>
          <p>
            You keep {planLabel(current())} until {periodEnd()}; then {name()} starts at{" "}
            {priceLabel(target())} a month. Nothing is charged now.
          </p>
        </Match>
      </Switch>
    </ConfirmDialog>
  );
}
