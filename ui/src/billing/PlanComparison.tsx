import { For, type JSX, onMount, Show } from "solid-js";
import type { Plan } from "~core/plans/entitlements";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { Icon } from "~kit/design-system/icons/Icon";
import { livePlanTable, refreshPlanTable } from "./live-plans";
import { cardLine, FEATURE_ROWS, planCards } from "./plans";
import "./billing.css";

export interface PlanCardsProps {
  /** The signed-in person's plan, marked on its card; undefined when nobody is signed in. */
  currentPlan?: string;
  /** The button (or link) under each plan. */
  action: (plan: Plan) => JSX.Element;
}

/** The cards with the limits in force, asked for again when a page showing them opens. */
function useLiveCards() {
  onMount(() => void refreshPlanTable());
  return () => {
    const table = livePlanTable();
    return table ? planCards(table) : [];
  };
}

/** One card per plan: price, trial, the main limits, and what choosing it does. */
export function PlanCards(props: PlanCardsProps) {
  const cards = useLiveCards();
  return (
    <ul class="pricing-plans" aria-busy={cards().length === 0}>
      <For each={cards()}>
        {(card) => {
          const current = () => props.currentPlan === card.plan;
          return (
            <li
              class="pricing-plan"
              classList={{
                "pricing-plan--current": current(),
                "pricing-plan--featured": card.plan === "standard",
              }}
              aria-labelledby={`plan-${card.plan}`}
            >
              <h2 class="pricing-plan__name" id={`plan-${card.plan}`}>
                {card.name}
                <Show when={current()}>
                  <Badge tone="success">Your plan</Badge>
                </Show>
              </h2>
              <p class="pricing-plan__price">
                <span class="pricing-plan__amount">{card.price}</span>
                <span class="ds-muted"> a month</span>
              </p>
              <p class="pricing-plan__note">{card.note}</p>
              <p class="pricing-plan__tagline ds-muted">{card.tagline}</p>
              <ul class="pricing-plan__features">
                <For each={FEATURE_ROWS.filter((row) => row.onCard)}>
                  {(row) => (
                    <li
                      classList={{ "pricing-plan__feature--missing": !row.has(card.entitlements) }}
                    >
                      <Icon
                        name={row.has(card.entitlements) ? "check" : "close"}
                        size={16}
                        class="pricing-plan__feature-icon"
                      />
                      <span>{cardLine(row, card.entitlements)}</span>
                    </li>
                  )}
                </For>
              </ul>
              <div class="pricing-plan__action">{props.action(card.plan)}</div>
            </li>
          );
        }}
      </For>
    </ul>
  );
}

/** Every entitlement of every plan, side by side (scrolls sideways on a phone). */
export function ComparisonTable(props: { currentPlan?: string }) {
  const cards = useLiveCards();
  return (
    <Table caption="Compare plans">
      <thead>
        <tr>
          <th scope="col">Feature</th>
          <For each={cards()}>
            {(card) => (
              <th
                scope="col"
                classList={{ "pricing-table__current": props.currentPlan === card.plan }}
              >
                {card.name}
                <Show when={props.currentPlan === card.plan}>
                  <span class="ds-visually-hidden"> (your plan)</span>
                </Show>
              </th>
            )}
          </For>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Price</th>
          <For each={cards()}>{(card) => <td>{card.price} a month</td>}</For>
        </tr>
        <tr>
          <th scope="row">Free trial</th>
          <For each={cards()}>
            {(card) => <td>{card.trialDays > 0 ? `${card.trialDays} days` : "—"}</td>}
          </For>
        </tr>
        <For each={FEATURE_ROWS}>
          {(row) => (
            <tr>
              <th scope="row">{row.label}</th>
              <For each={cards()}>
                {(card) => (
                  <td classList={{ "pricing-table__no": !row.has(card.entitlements) }}>
                    {row.value(card.entitlements)}
                  </td>
                )}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
