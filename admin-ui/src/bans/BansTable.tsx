import { For, type JSX, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { Table } from "~kit/design-system/components/Table";

/**
 * The frame of the bans page's tables (account sanctions, address bans): the columns the page
 * gives, then — only for those who may lift — a last column (named for screen readers only)
 * with a "Lift" button on each row still in force.
 */
export function BansTable<Ban extends { active: boolean }>(props: {
  /** The table's accessible name. */
  caption: string;
  headings: string[];
  bans: Ban[];
  /** A row's cells before the lift column, a row header first. */
  cells: (ban: Ban) => JSX.Element;
  canLift: boolean;
  /** What "Lift" lifts, read after it by screen readers: "the ban of 203.0.113.0/24". */
  liftWhat: (ban: Ban) => string;
  onLift: (ban: Ban) => void;
}) {
  return (
    <div class="moderation-table">
      <Table caption={props.caption} hideCaption>
        <thead>
          <tr>
            <For each={props.headings}>{(heading) => <th scope="col">{heading}</th>}</For>
            <Show when={props.canLift}>
              <th scope="col">
                <span class="ds-visually-hidden">Actions</span>
              </th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.bans}>
            {(ban) => (
              <tr>
                {props.cells(ban)}
                <Show when={props.canLift}>
                  <td>
                    <Show when={ban.active}>
                      <Button size="sm" variant="outline" onClick={() => props.onLift(ban)}>
                        Lift<span class="ds-visually-hidden"> {props.liftWhat(ban)}</span>
                      </Button>
                    </Show>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </Table>
    </div>
  );
}
