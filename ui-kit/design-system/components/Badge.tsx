import type { JSX } from "solid-js";
import "./badge.css";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "error";

export interface BadgeProps {
  tone?: BadgeTone;
  children: JSX.Element;
  class?: string;
}

/**
 * A short status label. Plain text rather than Kobalte's Badge, whose role="status" would
 * turn every row of a table into a live region; the text itself carries the meaning.
 */
export function Badge(props: BadgeProps) {
  return (
    <span class={`ds-badge ds-badge--${props.tone ?? "neutral"} ${props.class ?? ""}`}>
      {props.children}
    </span>
  );
}
