import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { buttonClass } from "~kit/design-system/components/Button";
import { formatPlanPrice, PLANS } from "./plans";
import "./plans.css";

export function Plans() {
  return (
    <section id="pricing" class="landing-section" aria-labelledby="pricing-title">
      <div class="ds-container">
        <header class="landing-section__header">
          <h2 id="pricing-title">Plans and pricing</h2>
          <p class="ds-muted">
            Start free. Upgrades apply at once and are prorated; downgrades take effect at the next
            billing cycle, and a cancelled plan runs to the end of the period you paid for.
          </p>
        </header>
        <ul class="plans">
          <For each={PLANS}>
            {(plan) => (
              <li class="plan" classList={{ "plan--highlighted": plan.highlighted }}>
                <h3 class="plan__name">{plan.name}</h3>
                <Show when={plan.highlighted}>
                  <p class="plan__flag">Most popular</p>
                </Show>
                <p class="plan__price">
                  <span class="plan__amount">{formatPlanPrice(plan.monthlyPriceCents)}</span>
                  <span class="ds-muted"> per month</span>
                </p>
                <p class="plan__note">{plan.note}</p>
                <p class="plan__summary">{plan.summary}</p>
                <A
                  href={`/register?plan=${plan.id}`}
                  class={`${buttonClass(plan.highlighted ? "primary" : "outline")} plan__action`}
                >
                  Start with {plan.name}
                </A>
              </li>
            )}
          </For>
        </ul>
        <p class="plans__footnote ds-muted">
          Prices in US dollars. <A href="/pricing">Compare every plan's limits and features</A>.
        </p>
      </div>
    </section>
  );
}
