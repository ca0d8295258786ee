import type { JSX, Resource } from "solid-js";
import type { ListPage } from "~kit/api/client";
import { Card } from "~kit/design-system/components/Card";
import { PagedList } from "~kit/lists/PagedList";
import { type SelectFilter, SelectFilters } from "../lists/SelectFilters";
import "./filtered-list.css";

/** The page a list's URL asks for: 1 when it names none or nonsense. */
export const pageParam = (value: string | undefined) =>
  Math.max(1, Number.parseInt(value ?? "1", 10) || 1);

/**
 * A list page's card: its select filters over one page of rows and the pager. Filters and
 * the page live in the URL (useSearchParams), so a filtered view can be shared and survives a
 * reload; changing a filter goes back to page 1.
 */
export function FilteredList<Name extends string, T>(props: {
  filters: readonly SelectFilter<Name>[];
  search: Partial<Record<Name, string>>;
  setSearch: (params: Record<string, string | undefined>) => void;
  list: Resource<ListPage<T>>;
  /** PagedList's words: "Invoices", "No invoice matches.", "Invoice pages". */
  noun: string;
  empty: string;
  pagerLabel: string;
  onRetry: () => unknown;
  children: (items: T[]) => JSX.Element;
}) {
  return (
    <Card>
      <div class="ds-stack">
        <SelectFilters
          class="filtered-list__filters"
          filters={props.filters}
          value={(name) => props.search[name] ?? ""}
          onChange={(name, value) =>
            props.setSearch({ [name]: value || undefined, page: undefined })
          }
        />
        <PagedList
          list={props.list}
          noun={props.noun}
          empty={props.empty}
          pagerLabel={props.pagerLabel}
          onPage={(page) => props.setSearch({ page: String(page) })}
          onRetry={props.onRetry}
        >
          {props.children}
        </PagedList>
      </div>
    </Card>
  );
}
