import { Alert as KAlert } from "@kobalte/core/alert";
import { type JSX, Show } from "solid-js";
import { Icon, type IconName } from "../icons/Icon";
import "./alert.css";

export type AlertTone = "info" | "success" | "warning" | "error";

const TONE_ICON: Record<AlertTone, IconName> = {
  info: "info",
  success: "check-circle",
  warning: "alert-triangle",
  error: "x-circle",
};

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: JSX.Element;
  /** Optional action, e.g. a retry button. */
  action?: JSX.Element;
  class?: string;
}

/** An inline message with role="alert", so it is announced when it appears. */
export function Alert(props: AlertProps) {
  const tone = () => props.tone ?? "info";
  return (
    <KAlert class={`ds-alert ds-alert--${tone()} ${props.class ?? ""}`}>
      <Icon name={TONE_ICON[tone()]} class="ds-alert__icon" />
      <div class="ds-alert__content">
        <Show when={props.title}>
          <p class="ds-alert__title">{props.title}</p>
        </Show>
        <div class="ds-alert__body">{props.children}</div>
      </div>
      <Show when={props.action}>
        <div class="ds-alert__action">{props.action}</div>
      </Show>
    </KAlert>
  );
}
