import { type JSX, type Resource, Show } from "solid-js";
import { Alert } from "~ds/components/Alert";
import { Pagination } from "~ds/components/Pagination";
import { SkeletonText } from "~ds/components/Skeleton";
import type { ListPage } from "~shared/api/client";
import { describeError } from "../api/errors";

/**
 * One page of a list the admin app loads (runs, the audit log, billing events): an error in
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
  children: (items: T[]) => JSX.Element;
}) {
  return (
    <>
      <Show when={props.list.error}>
        {(error) => (
          <Alert tone="error" title={`${props.noun} could not be loaded`}>
            {describeError(error())}
          </Alert>
        )}
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
