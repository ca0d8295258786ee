import { For } from "solid-js";
import type { TicketMessageView } from "../../core/contract/support";
import { formatDateTime } from "../format";
import "./support.css";

/**
 * A support ticket's thread, oldest first (README "Support"), the user's messages and
 * support's answers told apart; each app names the authors its own way.
 */
export function TicketMessages<M extends TicketMessageView>(props: {
  messages: M[];
  authorOf: (message: M) => string;
}) {
  return (
    <ol class="support-thread" aria-label="Messages">
      <For each={props.messages}>
        {(message) => (
          <li class={`support-message support-message--${message.author_kind}`}>
            <div class="support-message__meta">
              <strong>{props.authorOf(message)}</strong>
              <time class="ds-muted" datetime={message.created_at}>
                {formatDateTime(message.created_at)}
              </time>
            </div>
            <p class="support-message__body">{message.body}</p>
          </li>
        )}
      </For>
    </ol>
  );
}
