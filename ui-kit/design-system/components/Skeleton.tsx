import { Skeleton as KSkeleton } from "@kobalte/core/skeleton";
import { For } from "solid-js";
import "./skeleton.css";

export interface SkeletonProps {
  /** px, or a CSS length such as "60%". Defaults to the full width. */
  width?: number | string;
  height?: number;
  radius?: number;
  circle?: boolean;
  class?: string;
}

/** A placeholder shape while content loads; hidden from assistive technology. */
export function Skeleton(props: SkeletonProps) {
  return (
    <KSkeleton
      class={`ds-skeleton ${props.class ?? ""}`}
      visible
      width={typeof props.width === "number" ? props.width : undefined}
      style={typeof props.width === "string" ? { width: props.width } : undefined}
      height={props.height ?? 16}
      radius={props.radius ?? 4}
      circle={props.circle}
      aria-hidden="true"
    />
  );
}

export interface SkeletonTextProps {
  lines?: number;
  /** Announced to screen readers in place of the shapes. */
  label?: string;
}

/** Several lines of placeholder text plus a visually hidden loading message. */
export function SkeletonText(props: SkeletonTextProps) {
  const lines = () => Array.from({ length: props.lines ?? 3 }, (_, index) => index);
  return (
    <div class="ds-skeleton-text" aria-busy="true">
      <span class="ds-visually-hidden" role="status">
        {props.label ?? "Loading…"}
      </span>
      <For each={lines()}>
        {(index) => <Skeleton width={index === lines().length - 1 ? "60%" : undefined} />}
      </For>
    </div>
  );
}
