import { createUniqueId, For, Show } from "solid-js";
import { THRESHOLDS } from "~core/moderation/decision";
import type { ModerationSignal } from "~core/moderation/model";
import { Badge } from "~kit/design-system/components/Badge";
import { formatDateTime } from "~kit/format";
import type { ModerationDecisionView } from "../api/moderation";
import {
  CATEGORY_LABELS,
  confidenceTone,
  LAYER_LABELS,
  modelLabel,
  OUTCOME_LABELS,
  VERDICT_LABELS,
} from "./labels";

/** A confidence as a bar (a native meter, coloured by the decision thresholds) and its number. */
function Confidence(props: { value: number; label: string }) {
  const id = createUniqueId();
  return (
    <div class="moderation-confidence">
      <span id={id} class="ds-visually-hidden">
        {props.label}
      </span>
      <meter
        aria-labelledby={id}
        min={0}
        max={100}
        low={THRESHOLDS.review}
        high={THRESHOLDS.automatic}
        optimum={0}
        value={props.value}
      />
      <Badge tone={confidenceTone(props.value)}>{props.value}</Badge>
    </div>
  );
}

function Signal(props: { signal: ModerationSignal }) {
  const category = () => CATEGORY_LABELS[props.signal.category];
  return (
    <li class="moderation-signal">
      <div class="moderation-signal__head">
        <strong>{category()}</strong>
        <Confidence value={props.signal.confidence} label={`${category()} confidence`} />
      </div>
      <p class="moderation-signal__source">
        <Show when={props.signal.rule}>
          {(rule) => (
            <>
              Rule <span class="ds-mono">{rule()}</span>
            </>
          )}
        </Show>
        <Show when={props.signal.model}>
          {(model) => (
            <>
              {props.signal.rule ? " · " : ""}Model: {modelLabel(model())}
            </>
          )}
        </Show>
      </p>
      <p>{props.signal.detail}</p>
      <Show when={(props.signal.evidence ?? []).length > 0}>
        <ul class="moderation-excerpts" aria-label="Where it matched">
          <For each={props.signal.evidence}>
            {(evidence) => (
              <li>
                <span class="ds-mono ds-muted">{evidence.path}</span>{" "}
                <mark class="moderation-mark">{evidence.excerpt}</mark>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </li>
  );
}

/** One decision of a layer: what it concluded, who or what took it, and its signals. */
function Decision(props: { decision: ModerationDecisionView }) {
  const decision = () => props.decision;
  return (
    <section class="moderation-decision" aria-label={LAYER_LABELS[decision().layer]}>
      <h3>
        {LAYER_LABELS[decision().layer]}: {OUTCOME_LABELS[decision().outcome]}
        <Show when={decision().confidence !== null}> ({decision().confidence})</Show>
      </h3>
      <p class="ds-muted">
        <time datetime={decision().created_at}>{formatDateTime(decision().created_at)}</time>
        <Show when={decision().model}>{(model) => <> · {modelLabel(model())}</>}</Show>
        <Show when={decision().rule}>
          {(rule) => (
            <>
              {" "}
              · rule <span class="ds-mono">{rule()}</span>
            </>
          )}
        </Show>
        <Show when={decision().actor_id}>
          {(actor) => (
            <>
              {" "}
              · by <span class="ds-mono">{actor()}</span>
            </>
          )}
        </Show>
      </p>
      <Show when={decision().verdict}>
        {(verdict) => (
          <p>
            <strong>{VERDICT_LABELS[verdict()]}</strong>
            <Show when={decision().reason}>{(reason) => <>: {reason()}</>}</Show>
          </p>
        )}
      </Show>
      <Show
        when={decision().signals.length > 0}
        fallback={
          <Show when={!decision().verdict}>
            <p class="ds-muted">No signals.</p>
          </Show>
        }
      >
        <ul class="moderation-signals">
          <For each={decision().signals}>{(signal) => <Signal signal={signal} />}</For>
        </ul>
      </Show>
    </section>
  );
}

/** Every layer's decision, in the order they were taken, with their signals. */
export function SignalsList(props: { decisions: ModerationDecisionView[] }) {
  return (
    <Show
      when={props.decisions.length > 0}
      fallback={<p class="ds-muted">No layer has decided anything yet.</p>}
    >
      <div class="ds-stack">
        <For each={props.decisions}>{(decision) => <Decision decision={decision} />}</For>
      </div>
    </Show>
  );
}
