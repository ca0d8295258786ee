import { createSignal } from "solid-js";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import {
  addThreat,
  THREAT_KINDS,
  THREAT_SEVERITIES,
  type ThreatEntryView,
  type ThreatKind,
} from "../api/security-intel";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import {
  checkThreatDraft,
  THREAT_KIND_NAMES,
  THREAT_SEVERITY_NAMES,
  THREAT_VALUE_HINTS,
  type ThreatField,
} from "./threat-view";

/**
 * Lists a value (or changes its listing): checked with the API's schema, sent through the
 * step-up action dialog (an `Idempotency-Key`, maybe a fresh second factor). A value the server
 * cannot read as its kind is said on the field.
 */
export function AddThreatDialog(props: {
  onClose: () => void;
  onAdded: (entry: ThreatEntryView) => void;
}) {
  const [kind, setKind] = createSignal<string>("ip");
  const [value, setValue] = createSignal("");
  const [severity, setSeverity] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [days, setDays] = createSignal("30");
  const [issues, setIssues] = createSignal<Partial<Record<ThreatField, string>>>({});

  function check() {
    const checked = checkThreatDraft({
      kind: kind(),
      value: value(),
      severity: severity(),
      reason: reason(),
      days: days(),
    });
    setIssues(checked.ok ? {} : checked.issues);
    return checked.ok ? checked.request : null;
  }

  function placeRefusal(cause: unknown) {
    if ((cause as { code?: unknown } | null)?.code !== "validation_failed") return false;
    setIssues({ value: describeError(cause) });
    return true;
  }

  return (
    <StepUpActionDialog
      title="Add a threat entry"
      description="High entries refuse every matching request at once; low and medium ones count towards the risk score."
      formLabel="Add a threat entry"
      submitLabel="Add the entry"
      submitVariant="danger"
      failureTitle="Not added"
      check={check}
      send={async (request, key) => props.onAdded(await addThreat(adminApi, request, key))}
      placeRefusal={placeRefusal}
      onClose={props.onClose}
    >
      <Select
        label="Kind"
        options={THREAT_KINDS.map((value) => ({ value, label: THREAT_KIND_NAMES[value] }))}
        value={kind()}
        onChange={setKind}
        error={issues().kind}
        required
      />
      <TextField
        label="Value"
        description={THREAT_VALUE_HINTS[kind() as ThreatKind] ?? ""}
        value={value()}
        onChange={setValue}
        error={issues().value}
        maxLength={254}
        required
      />
      <Select
        label="Severity"
        options={THREAT_SEVERITIES.map((value) => ({
          value,
          label: THREAT_SEVERITY_NAMES[value],
        }))}
        value={severity()}
        onChange={setSeverity}
        error={issues().severity}
        required
      />
      <Textarea
        label="Reason"
        description="Kept with the entry and in the audit log."
        value={reason()}
        onChange={setReason}
        error={issues().reason}
        rows={3}
      />
      <TextField
        label="Days (1–365)"
        type="number"
        inputMode="numeric"
        value={days()}
        onChange={setDays}
        error={issues().days}
        required
      />
    </StepUpActionDialog>
  );
}
