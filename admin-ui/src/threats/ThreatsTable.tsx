import { Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { formatDateTime } from "~kit/format";
import type { ThreatEntryView } from "../api/security-intel";
import { DataTable } from "../kit/DataTable";
import { THREAT_KIND_NAMES } from "./threat-view";

const SEVERITY_TONE = { low: "neutral", medium: "warning", high: "error" } as const;

/** Threat entries, newest first; "Remove" for those who may. */
export function ThreatsTable(props: {
  entries: ThreatEntryView[];
  canRemove: boolean;
  onRemove: (entry: ThreatEntryView) => void;
}) {
  return (
    <DataTable
      caption="Threat-intelligence entries"
      rows={props.entries}
      columns={[
        {
          header: "Value",
          rowHeader: true,
          class: "ds-mono",
          cell: (entry) => (
            <>
              {entry.value}{" "}
              <Show when={!entry.active}>
                <Badge tone="neutral">Ended</Badge>
              </Show>
            </>
          ),
        },
        { header: "Kind", cell: (entry) => THREAT_KIND_NAMES[entry.kind] },
        {
          header: "Severity",
          cell: (entry) => <Badge tone={SEVERITY_TONE[entry.severity]}>{entry.severity}</Badge>,
        },
        { header: "Source", cell: (entry) => entry.source },
        { header: "Reason", cell: (entry) => entry.reason },
        { header: "Until", cell: (entry) => formatDateTime(entry.expires_at) },
        {
          header: "Actions",
          cell: (entry) => (
            <Show when={props.canRemove} fallback="—">
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${entry.key}`}
                onClick={() => props.onRemove(entry)}
              >
                Remove
              </Button>
            </Show>
          ),
        },
      ]}
    />
  );
}
