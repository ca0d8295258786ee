import { createSignal, Show } from "solid-js";
import type { AppealRequest, AppealView, OwnStanding } from "~core/contract/appeals";
import { Alert } from "~kit/design-system/components/Alert";
import { Card } from "~kit/design-system/components/Card";
import { formatDateTime } from "~kit/format";
import { appealStatusId } from "./DecisionAppeal";
import { DecisionItem, DecisionList } from "./DecisionList";
import {
  type AppealSubject,
  appealOutcome,
  isClean,
  OWN_CATEGORY_LABELS,
  OWN_SANCTION_KIND_LABELS,
  OWN_STRIKE_STATUS_LABELS,
  type OwnSanction,
  type OwnStrike,
} from "./standing-view";
import "./standing.css";

const subjectOf = (
  kind: AppealSubject["kind"],
  decision: OwnStrike | OwnSanction,
): AppealSubject => ({
  kind,
  id: decision.id,
  appealable_until: decision.appealable_until,
  appeal: decision.appeal,
});
const strikeSubject = (strike: OwnStrike) => subjectOf("strike", strike);
const sanctionSubject = (sanction: OwnSanction) => subjectOf("sanction", sanction);

/**
 * An account's standing as its owner sees it — strikes, suspensions and bans, each with its
 * appeal — whether read by the signed-in owner or through an emailed appeal link: the page
 * passes how to send an appeal (README "Appeals").
 */
export function StandingView(props: {
  standing: OwnStanding;
  send: (request: AppealRequest) => Promise<AppealView>;
  /** The appeal was accepted by the server: show it (and read the standing again). */
  onAppealed: (subject: AppealSubject, appeal: AppealView) => void;
  /** The standing changed under the page (already appealed, window closed): read it again. */
  onStale: () => void;
}) {
  // the result of the last appeal, visible and announced (the form it came from is gone)
  const [notice, setNotice] = createSignal<string | null>(null);

  async function send(subject: AppealSubject, message: string) {
    setNotice(null);
    const appeal = await props.send({
      subject_kind: subject.kind,
      subject_id: subject.id,
      message,
    });
    props.onAppealed(subject, appeal);
    setNotice(`Your appeal was sent. ${appealOutcome(appeal).title}.`);
    // the form that had the focus is gone: the appeal's status takes it
    queueMicrotask(() => document.getElementById(appealStatusId(subject))?.focus());
  }

  function refused(message: string, reload: boolean) {
    setNotice(message);
    if (reload) props.onStale();
  }

  return (
    <>
      <Card title="Standing">
        <div class="standing__notice" role="status" aria-live="polite">
          {notice()}
        </div>
        <Show when={props.standing.status === "suspended" || props.standing.status === "banned"}>
          <Alert tone="warning" title={`This account is ${props.standing.status}`}>
            You cannot sign in while it lasts. The details and how to appeal are below.
          </Alert>
        </Show>
        <Show
          when={!isClean(props.standing)}
          fallback={<p class="standing__clean">No strikes. Your account is in good standing.</p>}
        >
          <p class="standing__count">
            <strong>{props.standing.active_strikes}</strong>{" "}
            {props.standing.active_strikes === 1 ? "active strike" : "active strikes"}
            <span class="ds-muted">
              {" "}
              — strikes count toward suspensions until they expire or an appeal removes them.
            </span>
          </p>
        </Show>
      </Card>

      <DecisionList title="Strikes" decisions={props.standing.strikes}>
        {(strike) => (
          <DecisionItem
            title={OWN_CATEGORY_LABELS[strike().category]}
            tone={strike().status === "active" ? "warning" : "neutral"}
            state={OWN_STRIKE_STATUS_LABELS[strike().status]}
            subject={strikeSubject(strike())}
            what={`the strike for ${OWN_CATEGORY_LABELS[strike().category].toLowerCase()} of ${formatDateTime(strike().created_at)}`}
            onSend={send}
            onRefused={refused}
          >
            <Show when={strike().reason}>{(reason) => <p>{reason()}</p>}</Show>
            <p class="ds-muted">Given {formatDateTime(strike().created_at)}</p>
          </DecisionItem>
        )}
      </DecisionList>

      <DecisionList title="Suspensions and bans" decisions={props.standing.sanctions}>
        {(sanction) => {
          const kind = () => OWN_SANCTION_KIND_LABELS[sanction().kind];
          return (
            <DecisionItem
              title={kind()}
              tone={sanction().active ? "error" : "neutral"}
              state={sanction().active ? "In force" : "Ended"}
              subject={sanctionSubject(sanction())}
              what={`the ${kind().toLowerCase()} of ${formatDateTime(sanction().starts_at)}`}
              onSend={send}
              onRefused={refused}
            >
              <p>{sanction().message}</p>
              <p class="ds-muted">
                From {formatDateTime(sanction().starts_at)}
                {sanction().ends_at
                  ? ` to ${formatDateTime(sanction().ends_at)}`
                  : " until it is lifted"}
              </p>
            </DecisionItem>
          );
        }}
      </DecisionList>
    </>
  );
}
