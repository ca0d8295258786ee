import { type JSX, Show } from "solid-js";
import "./card.css";

export interface CardProps {
  /** Heading text; rendered as h2 so cards sit under the page's single h1. */
  title?: string;
  /** Right-aligned controls in the card header. */
  actions?: JSX.Element;
  children: JSX.Element;
  class?: string;
  id?: string;
}

export function Card(props: CardProps) {
  return (
    <section class={`ds-card ${props.class ?? ""}`} id={props.id}>
      <Show when={props.title || props.actions}>
        <header class="ds-card__header">
          <Show when={props.title}>
            <h2 class="ds-card__title">{props.title}</h2>
          </Show>
          <Show when={props.actions}>
            <div class="ds-card__actions">{props.actions}</div>
          </Show>
        </header>
      </Show>
      {props.children}
    </section>
  );
}
