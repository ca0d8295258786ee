import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import type { IpBanView } from "../api/bans";
import { BAN_REASON_NAMES } from "../standing/labels";
import { ipBanSpan } from "./ban-view";

/** Address bans, those in force first; "Lift" for those who may. */
export function IpBansTable(props: {
  bans: IpBanView[];
  canLift: boolean;
  onLift: (ban: IpBanView) => void;
}) {
  return (
    <div class="moderation-table">
      <Table caption="Address bans" hideCaption>
        <thead>
          <tr>
            <th scope="col">Address or range</th>
            <th scope="col">Reason</th>
            <th scope="col">Since</th>
            <th scope="col">Until</th>
            <th scope="col">Note</th>
            <th scope="col">By</th>
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
                <th scope="row">
                  <span class="ds-mono moderation-id">{ban.range}</span>{" "}
                  <Show when={ban.active} fallback={<Badge tone="neutral">Not in force</Badge>}>
                    <Badge tone="error">In force</Badge>
                  </Show>
                </th>
                <td>{BAN_REASON_NAMES[ban.reason]}</td>
                <td>{formatDateTime(ban.created_at)}</td>
                <td>{ipBanSpan(ban, formatDateTime)}</td>
                <td>
                  {ban.note ?? "—"}
                  <Show when={ban.user_id}>
                    {(userId) => (
                      <>
                        <br />
                        <A href={`/users/${encodeURIComponent(userId())}/standing`}>
                          The account it came from
                        </A>
                      </>
                    )}
                  </Show>
                </td>
                <td class="ds-mono">{ban.created_by}</td>
                <Show when={props.canLift}>
                  <td>
                    <Show when={ban.active}>
                      <Button size="sm" variant="outline" onClick={() => props.onLift(ban)}>
                        Lift<span class="ds-visually-hidden"> the ban of {ban.range}</span>
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
