import { For } from "solid-js";
import { formatCents } from "~core/billing/lifecycle";
import type { PlanDetailsValue } from "~core/config/plan-details";
import type { ConfigSectionView } from "~core/contract/live-config";
import { PLAN_PRICES_CENTS, PLANS } from "~core/plans/entitlements";

/**
 * The price each plan is shown at (plan details, README "Live configuration") next to what it
 * is charged, which this page cannot change: the code's price with the local provider, the
 * Stripe price id's in Stripe mode. A difference is worth noticing before customers do.
 */
export function PlanPrices(props: { section: ConfigSectionView }) {
  const details = () => props.section.value as unknown as PlanDetailsValue;
  return (
    <ul class="config-plan-prices">
      <For each={PLANS}>
        {(plan) => {
          const shown = () => details()[plan]?.priceCents ?? PLAN_PRICES_CENTS[plan];
          return (
            <li>
              <strong>{details()[plan]?.name ?? plan}</strong>: shown {formatCents(shown())},
              charged {formatCents(PLAN_PRICES_CENTS[plan])} a month
              {shown() === PLAN_PRICES_CENTS[plan] ? "" : " (differs)"}
            </li>
          );
        }}
      </For>
    </ul>
  );
}
