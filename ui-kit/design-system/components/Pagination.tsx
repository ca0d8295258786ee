import { Pagination as KPagination } from "@kobalte/core/pagination";
import { Show } from "solid-js";
import { Icon } from "../icons/Icon";
import "./pagination.css";

export interface PaginationProps {
  /** Names the navigation landmark, e.g. "Backups pages". */
  label: string;
  page: number;
  /** Number of pages (at least 1). */
  count: number;
  onPageChange: (page: number) => void;
  class?: string;
}

export function Pagination(props: PaginationProps) {
  return (
    <Show when={props.count > 1}>
      <KPagination
        class={`ds-pagination ${props.class ?? ""}`}
        aria-label={props.label}
        page={props.page}
        count={props.count}
        onPageChange={props.onPageChange}
        siblingCount={1}
        showFirst
        showLast
        itemComponent={(itemProps) => (
          <KPagination.Item
            page={itemProps.page}
            class="ds-button ds-button--ghost ds-button--sm ds-pagination__item"
            aria-label={`Page ${itemProps.page}`}
          >
            {itemProps.page}
          </KPagination.Item>
        )}
        ellipsisComponent={() => (
          <KPagination.Ellipsis class="ds-pagination__ellipsis">…</KPagination.Ellipsis>
        )}
      >
        <KPagination.Previous class="ds-button ds-button--ghost ds-button--sm">
          <Icon name="chevron-left" size={16} class="ds-flip-rtl" />
          <span>Previous</span>
        </KPagination.Previous>
        <KPagination.Items />
        <KPagination.Next class="ds-button ds-button--ghost ds-button--sm">
          <span>Next</span>
          <Icon name="chevron-right" size={16} class="ds-flip-rtl" />
        </KPagination.Next>
      </KPagination>
    </Show>
  );
}
