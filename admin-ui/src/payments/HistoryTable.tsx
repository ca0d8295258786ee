import { formatDateTime } from "~kit/format";
import type { AdminInvoiceDetail } from "../api/payments";
import { type Column, DataTable } from "../kit/DataTable";
import "./payments.css";

type Entry = AdminInvoiceDetail["events"][number];

const COLUMNS: Column<Entry>[] = [
  { header: "When", cell: (entry) => formatDateTime(entry.created_at) },
  { header: "Event", rowHeader: true, class: "ds-mono", cell: (entry) => entry.type },
  { header: "Source", cell: (entry) => entry.source },
  {
    header: "Details",
    class: "payments-cell--wrap ds-mono",
    cell: (entry) => JSON.stringify(entry.detail),
  },
];

/** Billing history lines: what happened, who said so (webhook, api, workflow), the details. */
export function HistoryTable(props: { events: Entry[]; caption: string }) {
  return <DataTable caption={props.caption} columns={COLUMNS} rows={props.events} />;
}
