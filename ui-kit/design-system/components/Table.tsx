import type { JSX } from "solid-js";
import "./table.css";

export interface TableProps {
  /** Accessible name of the scroll region and the table caption. */
  caption: string;
  /** Hide the caption visually when a heading right above already says the same. */
  hideCaption?: boolean;
  children: JSX.Element;
}

/**
 * A data table inside a focusable scroll region, so keyboard users can scroll tables that
 * are wider than a phone screen (WCAG 2.1.1).
 */
export function Table(props: TableProps) {
  return (
    // focusable (tabindex 0) so the keyboard can scroll it; the label names the region
    <section class="ds-table-scroll" aria-label={props.caption} tabindex="0">
      <table class="ds-table">
        <caption class={props.hideCaption ? "ds-visually-hidden" : "ds-table__caption"}>
          {props.caption}
        </caption>
        {props.children}
      </table>
    </section>
  );
}
