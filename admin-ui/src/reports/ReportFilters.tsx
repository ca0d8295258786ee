import { createEffect, createSignal, For, Show } from "solid-js";
import { PLANS } from "~core/plans/entitlements";
import { Button } from "~kit/design-system/components/Button";
import { PLAN_LABELS } from "../users/labels";
import {
  RANGE_PRESETS,
  type RangeChoice,
  type ReportSearch,
  type ReportSelection,
} from "./report-view";

const RANGE_LABELS: Record<RangeChoice, string> = {
  "7": "Last 7 days",
  "30": "Last 30 days",
  "90": "Last 90 days",
  custom: "Custom",
};

/** "" leaves the plan out of the URL query: every plan. */
const ALL_PLANS = "";

/**
 * The range and plan of every report on the page. Each choice goes into the URL query at once
 * (a preset, or "Custom" with the dates shown, then changed and applied), so the address
 * always reproduces the view.
 */
export function ReportFilters(props: {
  selection: ReportSelection;
  onChange: (search: ReportSearch) => void;
}) {
  const shown = () =>
    props.selection.ok
      ? props.selection.query
      : { from: props.selection.from, to: props.selection.to, plan: props.selection.plan };
  const [from, setFrom] = createSignal("");
  const [to, setTo] = createSignal("");
  // the inputs follow the range in the URL (a preset chosen, the back button)
  createEffect(() => {
    setFrom(shown().from);
    setTo(shown().to);
  });

  const choose = (choice: RangeChoice) =>
    props.onChange(
      choice === "custom"
        ? { range: "custom", from: shown().from, to: shown().to }
        : { range: choice, from: undefined, to: undefined },
    );

  return (
    <div class="report-filters">
      <div class="report-filters__row">
        <fieldset class="report-filters__ranges">
          <legend class="ds-field__label">Date range</legend>
          <div class="report-filters__choices">
            <For each={[...RANGE_PRESETS, "custom" as const]}>
              {(choice) => (
                <Button
                  variant={props.selection.choice === choice ? "primary" : "outline"}
                  size="sm"
                  aria-pressed={props.selection.choice === choice}
                  onClick={() => choose(choice)}
                >
                  {RANGE_LABELS[choice]}
                </Button>
              )}
            </For>
          </div>
        </fieldset>
        {/* a native select: keyboard and screen readers know it, and it never leaves the page */}
        <div class="ds-field report-filters__plan">
          <label class="ds-field__label" for="report-plan">
            Plan
          </label>
          <select
            id="report-plan"
            class="ds-field__control"
            value={shown().plan ?? ALL_PLANS}
            onChange={(event) => props.onChange({ plan: event.currentTarget.value || undefined })}
          >
            <option value={ALL_PLANS}>All plans</option>
            <For each={PLANS}>{(plan) => <option value={plan}>{PLAN_LABELS[plan]}</option>}</For>
          </select>
        </div>
      </div>
      <Show when={props.selection.choice === "custom"}>
        <form
          class="report-filters__custom"
          onSubmit={(event) => {
            event.preventDefault();
            props.onChange({ range: "custom", from: from(), to: to() });
          }}
        >
          <div class="ds-field">
            <label class="ds-field__label" for="report-from">
              From
            </label>
            <input
              id="report-from"
              class="ds-field__control"
              type="date"
              value={from()}
              onInput={(event) => setFrom(event.currentTarget.value)}
            />
          </div>
          <div class="ds-field">
            <label class="ds-field__label" for="report-to">
              To
            </label>
            <input
              id="report-to"
              class="ds-field__control"
              type="date"
              value={to()}
              onInput={(event) => setTo(event.currentTarget.value)}
            />
          </div>
          <Button type="submit" variant="secondary" size="sm">
            Apply
          </Button>
        </form>
      </Show>
    </div>
  );
}
