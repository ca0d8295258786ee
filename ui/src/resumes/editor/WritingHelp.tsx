import { createSignal, For, Show } from "solid-js";
import { useFeature } from "~/api/features";
import { enhanceText } from "~/api/writing";
import { api } from "~/auth/session";
import type { EnhanceKind, Enhancement } from "~core/contract/writing";
import { ApiError } from "~kit/api/envelope";
import { lineAt } from "./line-at";

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "plan_limit")
      return "This month's writing-help requests on your plan are used up. Upgrade for more.";
    if (error.code === "feature_disabled") return "Writing help is not available on your account.";
    if (error.status === 429) return "That was a lot of requests. Wait a minute and try again.";
    if (error.status === 0) return "You are offline. Writing help needs a connection.";
  }
  return "Writing help is not available right now. Try again in a moment.";
}

/**
 * "Improve" for a summary (the whole text) or a highlight (the line the caret is on): the
 * suggestion is shown beside the field, with what to add and which engine wrote it, and
 * replaces the text only when the person chooses it. Hidden where the `writing_help` flag is off
 * for the person (README "Live configuration").
 */
export function WritingHelp(props: {
  kind: EnhanceKind;
  fieldId: string;
  field: () => HTMLTextAreaElement | undefined;
  onApply: (text: string) => void;
}) {
  const enabled = useFeature("writing_help");
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [suggestion, setSuggestion] = createSignal<{
    answer: Enhancement;
    start: number;
    end: number;
  } | null>(null);

  const improve = async () => {
    const area = props.field();
    if (!area) return;
    const whole = { line: area.value, start: 0, end: area.value.length };
    const target = props.kind === "bullet" ? lineAt(area.value, area.selectionStart) : whole;
    if (target.line.trim().length < 3) {
      setError(
        props.kind === "bullet"
          ? "Put the cursor on the highlight to improve first."
          : "Write a few words first.",
      );
      return;
    }
    setPending(true);
    setError(null);
    setSuggestion(null);
    try {
      const answer = await enhanceText(api, { text: target.line, kind: props.kind });
      setSuggestion({ answer, start: target.start, end: target.end });
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setPending(false);
    }
  };

  const apply = () => {
    const area = props.field();
    const current = suggestion();
    if (!area || !current) return;
    const next = `${area.value.slice(0, current.start)}${current.answer.text}${area.value.slice(current.end)}`;
    area.value = next;
    props.onApply(next);
    setSuggestion(null);
    area.focus();
  };

  return (
    <Show when={enabled()}>
      <div class="writing-help">
        <button
          type="button"
          class="rich-text__tool"
          aria-controls={`${props.fieldId}-writing-help`}
          disabled={pending()}
          onClick={() => void improve()}
        >
          {pending()
            ? "Improving…"
            : props.kind === "bullet"
              ? "Improve this line"
              : "Improve writing"}
        </button>
        <div id={`${props.fieldId}-writing-help`} aria-live="polite">
          <Show when={error()}>{(message) => <p class="ds-field__error">{message()}</p>}</Show>
          <Show when={suggestion()}>
            {(current) => (
              <section class="writing-help__suggestion" aria-label="Suggested wording">
                <Show
                  when={!current().answer.unchanged}
                  fallback={
                    <p class="writing-help__text">
                      Nothing to improve in the wording: this did not count against your allowance.
                    </p>
                  }
                >
                  <p class="writing-help__text">{current().answer.text}</p>
                </Show>
                <Show when={current().answer.tips.length > 0}>
                  <ul class="writing-help__tips">
                    <For each={current().answer.tips}>{(tip) => <li>{tip}</li>}</For>
                  </ul>
                </Show>
                <p class="ds-muted writing-help__engine">
                  Written by {current().answer.engine_label}
                  <Show when={current().answer.usage.limit !== null}>
                    {" "}
                    · {current().answer.usage.used} of {current().answer.usage.limit} this month
                  </Show>
                </p>
                <div class="ds-cluster">
                  <Show when={!current().answer.unchanged}>
                    <button type="button" class="rich-text__tool" onClick={apply}>
                      Use this
                    </button>
                  </Show>
                  <button type="button" class="rich-text__tool" onClick={() => setSuggestion(null)}>
                    Dismiss
                  </button>
                </div>
              </section>
            )}
          </Show>
        </div>
      </div>
    </Show>
  );
}
