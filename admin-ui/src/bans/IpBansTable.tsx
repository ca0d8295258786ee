import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { formatDateTime } from "~kit/format";
import type { IpBanView } from "../api/bans";
import { BAN_REASON_NAMES } from "../standing/labels";
import { BansTable } from "./BansTable";
import { ipBanSpan } from "./ban-view";

const HEADINGS = ["Address or range", "Reason", "Since", "Until", "Note", "By"];

function IpBanCells(props: { ban: IpBanView }) {
  const ban = () => props.ban;
  return (
    <>
      <th scope="row">
        <span class="ds-mono moderation-id">{ban().range}</span>{" "}
        <Show when={ban().active} fallback={<Badge tone="neutral">Not in force</Badge>}>
          <Badge tone="error">In force</Badge>
        </Show>
      </th>
      <td>{BAN_REASON_NAMES[ban().reason]}</td>
      <td>{formatDateTime(ban().created_at)}</td>
      <td>{ipBanSpan(ban(), formatDateTime)}</td>
      <td>
        {ban().note ?? "—"}
        <Show when={ban().user_id}>
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
      <td class="ds-mono">{ban().created_by}</td>
    </>
  );
}

/** Address bans, those in force first; "Lift" for those who may. */
export function IpBansTable(props: {
  bans: IpBanView[];
  canLift: boolean;
  onLift: (ban: IpBanView) => void;
}) {
  return (
    <BansTable
      caption="Address bans"
      headings={HEADINGS}
      bans={props.bans}
      cells={(ban) => <IpBanCells ban={ban} />}
      canLift={props.canLift}
      liftWhat={(ban) => `the ban of ${ban.range}`}
      onLift={props.onLift}
    />
  );
}
