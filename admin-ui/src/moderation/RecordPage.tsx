import { A } from "@solidjs/router";
import { type Accessor, type JSX, type Resource, Show } from "solid-js";
import { ApiError } from "~kit/api/envelope";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { LoadError } from "~kit/forms/LoadError";

/**
 * The page of one moderation record (a case, an appeal): its heading with the id and the way
 * back to its list, why it could not be read ("… not found" for a 404) with a retry, a skeleton
 * while it loads, then the record. A failed re-read shows the error instead of stale content.
 */
export function RecordPage<T>(props: {
  heading: string;
  id: string;
  back: { href: string; label: string };
  record: Resource<T>;
  onRetry: () => unknown;
  /** "The case" → "The case could not be loaded". */
  what: string;
  notFound: string;
  loading: string;
  children: (record: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>{props.heading}</h1>
          <p class="ds-muted ds-mono moderation-id">{props.id}</p>
        </div>
        <A href={props.back.href}>{props.back.label}</A>
      </header>
      <Show when={props.record.error}>
        {(error) => (
          <LoadError
            what={props.what}
            title={
              error() instanceof ApiError && error().status === 404 ? props.notFound : undefined
            }
            error={error()}
            onRetry={props.onRetry}
          />
        )}
      </Show>
      <Show
        when={props.record.error ? undefined : props.record.latest}
        fallback={
          <Show when={!props.record.error}>
            <SkeletonText lines={6} label={props.loading} />
          </Show>
        }
      >
        {(record) => props.children(record)}
      </Show>
    </div>
  );
}
