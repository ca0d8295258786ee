import { A } from "@solidjs/router";
import { For } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatBytes, formatCount, formatDateTime } from "~kit/format";
import type { BackupRecord } from "../api/backups";
import { backupStatusLabel, backupStatusTone } from "./backup-status";

export function BackupsTable(props: { backups: BackupRecord[] }) {
  return (
    <Table caption="Backup history" hideCaption>
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Status</th>
          <th scope="col" class="ds-table__num">
            Tables
          </th>
          <th scope="col" class="ds-table__num">
            Rows
          </th>
          <th scope="col" class="ds-table__num">
            Size
          </th>
          <th scope="col">Job</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.backups}>
          {(backup) => (
            <tr>
              <th scope="row">{formatDateTime(backup.created_at)}</th>
              <td>
                <Badge tone={backupStatusTone(backup.status)}>
                  {backupStatusLabel(backup.status)}
                </Badge>
              </td>
              <td class="ds-table__num">{formatCount(backup.table_count)}</td>
              <td class="ds-table__num">{formatCount(backup.row_count)}</td>
              <td class="ds-table__num">{formatBytes(backup.bytes)}</td>
              <td>
                <A href={`/jobs/${encodeURIComponent(backup.job_id)}`} class="ds-mono">
                  {backup.job_id}
                </A>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </Table>
  );
}
