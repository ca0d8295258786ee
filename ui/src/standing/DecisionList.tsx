import { type Accessor, Index, type JSX, Show } from "solid-js";
import { Badge, type BadgeTone } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { DecisionAppeal } from "./DecisionAppeal";
import type { AppealSubject } from "./standing-view";

/** A card listing decisions of one kind (strikes, or suspensions and bans); none, no card. */
export function DecisionList<T>(props: {
  title: string;
  decisions: T[];
  children: (decision: Accessor<T>) => JSX.Element;
}) {
  return (
    <Show when={props.decisions.length > 0}>
      <Card title={props.title}>
        <ul class="standing__list">
          <Index each={props.decisions}>{(decision) => props.children(decision)}</Index>
        </ul>
      </Card>
    </Show>
  );
}

/**
 * One decision as its owner reads it: what it is and where it stands, its details, then its
 * appeal (the form while it may be appealed, or the appeal's status).
 */
export function DecisionItem(props: {
  title: string;
  tone: BadgeTone;
  state: string;
  subject: AppealSubject;
  /** What is appealed, in words, for the form's name: "the strike of 5 Dec 2026". */
  what: string;
  onSend: (subject: AppealSubject, message: string) => Promise<void>;
  onRefused: (message: string, reload: boolean) => void;
  /** The details, between the title and the appeal. */
  children: JSX.Element;
}) {
  return (
    <li class="standing__item">
      <h3 class="standing__item-title">
        {props.title} <Badge tone={props.tone}>{props.state}</Badge>
      </h3>
      {props.children}
      <DecisionAppeal
        subject={props.subject}
        what={props.what}
        onSend={(message) => props.onSend(props.subject, message)}
        onRefused={props.onRefused}
      />
    </li>
  );
}
