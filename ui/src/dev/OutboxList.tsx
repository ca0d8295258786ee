import { For } from "solid-js";
import type { OutboxEmail } from "~core/contract/outbox";
import { formatDateTime } from "~kit/format";

export interface OutboxListProps {
  emails: OutboxEmail[];
  selectedId: string | undefined;
  /** Link that opens one email, keeping the current search and page. */
  hrefFor: (id: string) => string;
}

/** Subject first, then recipient, template and time: fits the narrow master column. */
export function OutboxList(props: OutboxListProps) {
  return (
    <ul class="outbox-list">
      <For each={props.emails}>
        {(email) => (
          <li>
            {/* a plain anchor (the router still handles the click): <A> would mark every
                item aria-current="page", since they all share this page's path */}
            <a
              href={props.hrefFor(email.id)}
              class="outbox-list__item"
              aria-current={email.id === props.selectedId ? "true" : undefined}
            >
              <span class="outbox-list__subject">{email.subject}</span>
              <span class="outbox-list__meta">
                <span>{email.to}</span>
                <span class="ds-mono">{email.template}</span>
                <time datetime={email.created_at}>{formatDateTime(email.created_at)}</time>
              </span>
            </a>
          </li>
        )}
      </For>
    </ul>
  );
}
