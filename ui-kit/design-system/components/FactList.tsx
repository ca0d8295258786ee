import { For, type JSX } from "solid-js";
import "./facts.css";

export interface Fact {
  label: string;
  value: JSX.Element;
}

/** Label/value pairs (a description list) laid out in as many columns as fit. */
export function FactList(props: { facts: Fact[]; class?: string }) {
  return (
    <dl class={`ds-facts ${props.class ?? ""}`}>
      <For each={props.facts}>
        {(fact) => (
          <div>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}
