import { createResource, type JSX, Match, Switch } from "solid-js";
import type { AppealRequest, AppealView, OwnStanding } from "~core/contract/appeals";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { LoadError } from "~kit/forms/LoadError";
import { StandingView } from "./StandingView";
import { withAppeal } from "./standing-view";

/**
 * Reads a standing and shows it with its appeals: the account page reads the signed-in
 * owner's, the appeal link page the linked account's. A sent appeal shows at once, then the
 * standing is read again (an appeal accepted automatically has already removed the strike).
 */
export function StandingLoader(props: {
  load: () => Promise<OwnStanding>;
  send: (request: AppealRequest) => Promise<AppealView>;
  /** How a failed read is shown; the default is the "could not be loaded" alert. */
  loadError?: (error: unknown, retry: () => void) => JSX.Element;
}) {
  const [standing, { mutate, refetch }] = createResource(() => props.load());
  // `latest` keeps the page on screen while it is read again (it does not suspend once loaded)
  const loaded = () =>
    standing.state === "ready" || standing.state === "refreshing" ? standing.latest : undefined;

  return (
    <Switch fallback={<SkeletonText lines={4} label="Loading your standing…" />}>
      <Match when={standing.error}>
        {props.loadError?.(standing.error, () => void refetch()) ?? (
          <LoadError what="Your standing" error={standing.error} onRetry={refetch} />
        )}
      </Match>
      <Match when={loaded()}>
        {(current) => (
          <StandingView
            standing={current()}
            send={props.send}
            onAppealed={(subject, appeal) => {
              mutate(withAppeal(current(), subject, appeal));
              void refetch();
            }}
            onStale={() => void refetch()}
          />
        )}
      </Match>
    </Switch>
  );
}
