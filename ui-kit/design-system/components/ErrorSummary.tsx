import { createEffect, createUniqueId, For, on, Show } from "solid-js";
import { Icon } from "../icons/Icon";
import "./alert.css";
import "./error-summary.css";

export interface FormProblem {
  message: string;
  /** Id of the control to move to; problems of the whole form have none. */
  fieldId?: string;
}

export interface ErrorSummaryProps {
  problems: FormProblem[];
  title?: string;
  /**
   * Changes on every failed submit: the summary then takes focus, so keyboard and screen
   * reader users land on the list of what to fix.
   */
  focusKey: number;
}

/** Moves to a control: the input itself, or the chosen (else first) radio of a group. */
export function focusControl(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  const target = element.matches("input, select, textarea, button")
    ? element
    : element.querySelector<HTMLElement>("input:checked, input, select, textarea, button");
  target?.focus();
  target?.scrollIntoView({ block: "center" });
}

/**
 * What stops a form from being sent, each with a link to its field (the GOV.UK error
 * summary pattern): an alert that also receives focus after a failed submit, so keyboard
 * users start from the list of what to fix.
 */
export function ErrorSummary(props: ErrorSummaryProps) {
  const titleId = createUniqueId();
  let box: HTMLDivElement | undefined;
  createEffect(
    on(
      () => props.focusKey,
      () => {
        if (props.problems.length > 0) box?.focus();
      },
      { defer: true },
    ),
  );
  return (
    <Show when={props.problems.length > 0}>
      <div
        ref={(el) => (box = el)}
        class="ds-alert ds-alert--error ds-error-summary"
        role="alert"
        aria-labelledby={titleId}
        tabindex="-1"
      >
        <Icon name="x-circle" class="ds-alert__icon" />
        <div class="ds-alert__content">
          <h2 id={titleId} class="ds-alert__title ds-error-summary__title">
            {props.title ?? "There is a problem"}
          </h2>
          <ul class="ds-error-summary__list">
            <For each={props.problems}>
              {(problem) => (
                <li>
                  <Show when={problem.fieldId} fallback={problem.message}>
                    {(fieldId) => (
                      <a
                        href={`#${fieldId()}`}
                        on:click={(event) => {
                          event.preventDefault();
                          focusControl(fieldId());
                        }}
                      >
                        {problem.message}
                      </a>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      </div>
    </Show>
  );
}
