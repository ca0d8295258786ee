import { createResource, For, Match, Switch } from "solid-js";
import { fetchUsage, type Usage, type UsageCounter } from "~/api/billing";
import { api } from "~/auth/session";
import { Card } from "~kit/design-system/components/Card";
import { ProgressBar } from "~kit/design-system/components/ProgressBar";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { LoadError } from "~kit/forms/LoadError";
import { planLabel } from "./plans";
import { formatDay } from "./status";

const METERS: { key: "resumes" | "exports" | "ai_calls"; label: string; monthly: boolean }[] = [
  { key: "resumes", label: "Resumes", monthly: false },
  { key: "exports", label: "Exports this month", monthly: true },
  { key: "ai_calls", label: "Writing help this month", monthly: true },
];

const percent = (counter: UsageCounter) =>
  counter.limit === null || counter.limit === 0 ? 0 : (counter.used / counter.limit) * 100;

/** Resumes kept and this month's exports and writing help, against the plan's limits. */
export function UsageCard(props: { reloadKey: string }) {
  const [usage, { refetch }] = createResource(
    () => props.reloadKey,
    () => fetchUsage(api),
  );

  const ready = (): Usage | undefined =>
    usage.state === "ready" || usage.state === "refreshing" ? usage.latest : undefined;

  return (
    <Card title="Usage">
      <Switch>
        <Match when={usage.error}>
          <LoadError what="Usage" error={usage.error} onRetry={refetch} />
        </Match>
        <Match when={ready()}>
          {(current) => (
            <>
              <p class="ds-muted">
                Limits of the {planLabel(current().plan)} plan. Monthly counts start again on{" "}
                {formatDay(current().resets_at)}.
              </p>
              <ul class="billing-usage">
                <For each={METERS}>
                  {(meter) => {
                    const counter = () => current()[meter.key];
                    return (
                      <li>
                        <Switch>
                          <Match when={counter().limit === null}>
                            <p class="billing-usage__unlimited">
                              <span class="billing-usage__label">{meter.label}</span>
                              <span>{counter().used} used — unlimited on your plan</span>
                            </p>
                          </Match>
                          <Match when={true}>
                            <ProgressBar
                              label={`${meter.label}: ${counter().used} of ${counter().limit}`}
                              value={percent(counter())}
                              tone={percent(counter()) >= 100 ? "error" : "primary"}
                            />
                          </Match>
                        </Switch>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </>
          )}
        </Match>
        <Match when={true}>
          <SkeletonText lines={3} label="Loading usage…" />
        </Match>
      </Switch>
    </Card>
  );
}
