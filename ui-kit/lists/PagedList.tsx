import { type JSX, type Resource, Show } from "solid-js";
import type { ListPage } from "../api/client";
import { Pagination } from "../design-system/components/Pagination";
import { SkeletonText } from "../design-system/components/Skeleton";
import { LoadError } from "../forms/LoadError";

/**
 * One page of a list an app loads (runs, the audit log, billing events, resumes): an error in
 * words, a skeleton while it loads, what to say when it is empty, the count, the rows, and
 * the pager, the same on every page.
 */
export function PagedList<T>(props: {
  list: Resource<ListPage<T>>;
  /** "Runs" → "Runs could not be loaded", "Loading runs…". */
  noun: string;
  empty: string;
  /** The pager's name, e.g. "Workflow run pages". */
  pagerLabel: string;
  /** e.g. "12 events"; none when the page says nothing about the total. */
  count?: (total: number) => string;
  onPage: (page: number) => void;
  /** Asks for the page again after it failed (a "Try again" button on the error). */
  onRetry?: () => unknown;
  children: (items: T[]) => JSX.Element;
}) {
  return (
    <>
      <Show when={props.list.error}>
        {(error) => <LoadError what={props.noun} error={error()} onRetry={props.onRetry} />}
      </Show>
      <Show
        // a failed resource throws when read, so only the alert above shows then
        when={props.list.error ? undefined : props.list.latest}
        fallback={
          <Show when={!props.list.error}>
            <SkeletonText lines={5} label={`Loading ${props.noun.toLowerCase()}…`} />
          </Show>
        }
      >
        {(page) => (
          <Show when={page().items.length > 0} fallback={<p class="ds-muted">{props.empty}</p>}>
            <Show when={props.count}>
              {(count) => (
                <p class="ds-muted" aria-live="polite">
                  {count()(page().pagination.total)}
                </p>
              )}
            </Show>
            {props.children(page().items)}
            <Pagination
              label={props.pagerLabel}
              page={page().pagination.page}
              count={page().pagination.total_pages}
              onPageChange={props.onPage}
            />
          </Show>
        )}
      </Show>
    </>
  );
}
