import { For, type JSX, Show } from "solid-js";
import { Table } from "~kit/design-system/components/Table";

/** One column of a DataTable: its heading and what a row shows in it. */
export interface Column<T> {
  header: string;
  /** The column that names the row: its cells are row headers (`th scope="row"`). */
  rowHeader?: boolean;
  /** Figures: aligned right, in tabular digits. */
  num?: boolean;
  /** More classes for the column's cells, e.g. "ds-mono". */
  class?: string;
  cell: (row: T) => JSX.Element;
}

/**
 * The admin's data table: a caption for assistive technology (a card's heading above already
 * says it on screen), a heading a column, a row an item, and what to say when there is none.
 * Paging stays with the list around it (PagedList), which knows the total.
 */
export function DataTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  /** Said instead of an empty table; without it an empty table shows its headings. */
  empty?: string;
}) {
  const classes = (column: Column<T>) =>
    [column.num ? "ds-table__num" : "", column.class ?? ""].filter(Boolean).join(" ") || undefined;

  return (
    <Show
      when={props.rows.length > 0 || props.empty === undefined}
      fallback={<p class="ds-muted">{props.empty}</p>}
    >
      <Table caption={props.caption} hideCaption>
        <thead>
          <tr>
            <For each={props.columns}>
              {(column) => (
                <th scope="col" class={column.num ? "ds-table__num" : undefined}>
                  {column.header}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr>
                <For each={props.columns}>
                  {(column) =>
                    column.rowHeader ? (
                      <th scope="row" class={classes(column)}>
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td class={classes(column)}>{column.cell(row)}</td>
                    )
                  }
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </Table>
    </Show>
  );
}
