import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { formatDateTime } from "~kit/format";
import type { BanListItem } from "../api/bans";
import { BAN_REASON_NAMES, SANCTION_KIND_LABELS, SANCTION_SOURCE_LABELS } from "../standing/labels";
import { sanctionSpan } from "../standing/standing-view";
import { BansTable } from "./BansTable";

const HEADINGS = ["Account", "Type", "Reason", "When", "By, and why"];

function AccountBanCells(props: { ban: BanListItem }) {
  const ban = () => props.ban;
  return (
    <>
      <th scope="row" class="moderation-case">
        <A href={`/users/${encodeURIComponent(ban().user_id)}/standing`}>
          <span class="moderation-id">{ban().user_email}</span>
          <span class="ds-visually-hidden"> (account standing)</span>
        </A>
      </th>
      <td>
        {SANCTION_KIND_LABELS[ban().kind]}{" "}
        <Show when={ban().active}>
          <Badge tone="error">In force</Badge>
        </Show>
      </td>
      <td>{BAN_REASON_NAMES[ban().reason]}</td>
      <td>{sanctionSpan(ban(), formatDateTime)}</td>
      <td>
        {SANCTION_SOURCE_LABELS[ban().source]}: <span class="ds-mono">{ban().created_by}</span>
        <Show when={ban().note}>
          {(note) => (
            <>
              <br />
              <span class="ds-muted">{note()}</span>
            </>
          )}
        </Show>
      </td>
    </>
  );
}

/**
 * Suspensions and bans across accounts, each linking to its account's standing. "Lift" (for
 * those who may) lifts every active sanction of that account, as on the standing page.
 */
export function AccountBansTable(props: {
  bans: BanListItem[];
  canLift: boolean;
  onLift: (ban: BanListItem) => void;
}) {
  return (
    <BansTable
      caption="Suspensions and bans"
      headings={HEADINGS}
      bans={props.bans}
      cells={(ban) => <AccountBanCells ban={ban} />}
      canLift={props.canLift}
      liftWhat={(ban) => `the sanctions of ${ban.user_email}`}
      onLift={props.onLift}
    />
  );
}
