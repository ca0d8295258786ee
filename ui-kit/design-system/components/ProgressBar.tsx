import { Progress } from "@kobalte/core/progress";
import "./progress.css";

export type ProgressTone = "primary" | "success" | "error";

export interface ProgressBarProps {
  /** Visible label, also the progress bar's accessible name. */
  label: string;
  /** 0–100. */
  value: number;
  /** For work whose amount is unknown yet (e.g. a queued job). */
  indeterminate?: boolean;
  tone?: ProgressTone;
  class?: string;
}

/**
 * role="progressbar" with aria-valuenow/min/max and a text value. It is deliberately not a
 * live region (it would announce every percent); pages announce status changes instead.
 */
export function ProgressBar(props: ProgressBarProps) {
  const value = () => Math.min(100, Math.max(0, Math.round(props.value)));
  return (
    <Progress
      class={`ds-progress ds-progress--${props.tone ?? "primary"} ${props.class ?? ""}`}
      value={value()}
      minValue={0}
      maxValue={100}
      indeterminate={props.indeterminate}
      getValueLabel={({ value: current }) => `${current}%`}
    >
      <div class="ds-progress__header">
        <Progress.Label class="ds-progress__label">{props.label}</Progress.Label>
        <Progress.ValueLabel class="ds-progress__value" />
      </div>
      <Progress.Track class="ds-progress__track">
        <Progress.Fill class="ds-progress__fill" />
      </Progress.Track>
    </Progress>
  );
}
