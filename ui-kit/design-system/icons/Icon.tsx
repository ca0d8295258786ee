import { For, type JSX, splitProps } from "solid-js";
import { ICON_PATHS, type IconName } from "./icon-paths";

export type { IconName };

export interface IconProps extends JSX.SvgSVGAttributes<SVGSVGElement> {
  name: IconName;
  /** Rendered width and height in px; the drawing grid is always 24×24. */
  size?: number;
}

/**
 * Decorative SVG icon on the 24×24 grid. Icons never carry meaning alone: the control or
 * text next to them names the thing, so the SVG is hidden from assistive technology.
 */
export function Icon(props: IconProps) {
  const [local, rest] = splitProps(props, ["name", "size", "class"]);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width={local.size ?? 20}
      height={local.size ?? 20}
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      class={local.class ? `ds-icon ${local.class}` : "ds-icon"}
      {...rest}
    >
      <For each={ICON_PATHS[local.name]}>{(d) => <path d={d} />}</For>
    </svg>
  );
}
