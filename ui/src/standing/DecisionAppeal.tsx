import { createSignal, Match, Show, Switch } from "solid-js";
import type { AppealView } from "~core/contract/appeals";
import { Button } from "~kit/design-system/components/Button";
import { formatDateTime } from "~kit/format";
import { AppealForm } from "./AppealForm";
import { type AppealSubject, appealOutcome, appealState } from "./standing-view";

/** The element id of a decision's appeal status, which takes focus once the appeal is sent. */
export const appealStatusId = (subject: Pick<AppealSubject, "kind" | "id">) =>
  `appeal-status-${subject.kind}-${subject.id}`;

/** An appeal's status: pending, accepted (automatically or by a moderator), or rejected. */
export function AppealStatus(props: { subject: AppealSubject; appeal: AppealView }) {
  const outcome = () => appealOutcome(props.appeal);
  return (
    <div
      id={appealStatusId(props.subject)}
      class={`standing__appeal standing__appeal--${outcome().tone}`}
      tabindex="-1"
    >
      <p class="standing__appeal-title">{outcome().title}</p>
      <Show when={outcome().detail}>{(detail) => <p>{detail()}</p>}</Show>
      <p class="ds-muted">
        Sent {formatDateTime(props.appeal.created_at)}
        <Show when={props.appeal.decided_at}>
          {(decided) => <>, decided {formatDateTime(decided())}</>}
        </Show>
      </p>
      <details class="standing__appeal-message">
        <summary>Your appeal</summary>
        <p>{props.appeal.message}</p>
      </details>
    </div>
  );
}

/**
 * What can be done about one decision: appeal it while the window is open, or follow the
 * appeal. `onSend` resolves once the appeal is sent and shown; `onRefused` reports a refusal
 * that changed what the page should show (already appealed, window closed).
 */
export function DecisionAppeal(props: {
  subject: AppealSubject;
  /** What is appealed, in words, for the form's name: "the strike of 5 Dec 2026". */
  what: string;
  onSend: (message: string) => Promise<void>;
  onRefused: (message: string, reload: boolean) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const openerId = () => `appeal-open-${props.subject.kind}-${props.subject.id}`;

  return (
    <Switch>
      <Match when={props.subject.appeal}>
        {(appeal) => <AppealStatus subject={props.subject} appeal={appeal()} />}
      </Match>
      <Match when={appealState(props.subject) === "open"}>
        <div class="standing__appeal-open">
          <Show
            when={open()}
            fallback={
              <>
                <p class="ds-muted standing__appeal-deadline">
                  You can appeal until {formatDateTime(props.subject.appealable_until)}.
                </p>
                <Button
                  id={openerId()}
                  variant="outline"
                  size="sm"
                  aria-label={`Appeal ${props.what}`}
                  onClick={() => setOpen(true)}
                >
                  Appeal
                </Button>
              </>
            }
          >
            <AppealForm
              label={`Appeal ${props.what}`}
              onSend={async (message) => {
                await props.onSend(message);
                // sent: the status replaces the form, which is not open if the appeal goes away
                setOpen(false);
              }}
              onRefused={(message, reload) => {
                setOpen(false);
                props.onRefused(message, reload);
              }}
              onCancel={() => {
                setOpen(false);
                // back to where the person was: the button that opened the form
                document.getElementById(openerId())?.focus();
              }}
            />
          </Show>
        </div>
      </Match>
    </Switch>
  );
}
