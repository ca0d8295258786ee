import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { adminApi } from "../api/admin-api";
import {
  listThreats,
  removeThreat,
  THREAT_KINDS,
  THREAT_SEVERITIES,
  type ThreatEntryView,
  type ThreatKind,
  type ThreatSeverity,
} from "../api/security-intel";
import { can } from "../auth/admin-session";
import { FilteredList, pageParam } from "../kit/FilteredList";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import { filterOptions } from "../lists/SelectFilters";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { AddThreatDialog } from "../threats/AddThreatDialog";
import { ThreatsTable } from "../threats/ThreatsTable";
import { THREAT_KIND_NAMES, THREAT_SEVERITY_NAMES } from "../threats/threat-view";

type Search = { q?: string; kind?: string; severity?: string; page?: string };

const FILTERS = [
  {
    name: "kind" as const,
    label: "Kind",
    options: filterOptions(
      { value: "", label: "Any kind" },
      THREAT_KINDS,
      (kind) => THREAT_KIND_NAMES[kind],
    ),
  },
  {
    name: "severity" as const,
    label: "Severity",
    options: filterOptions(
      { value: "", label: "Any severity" },
      THREAT_SEVERITIES,
      (severity) => THREAT_SEVERITY_NAMES[severity],
    ),
  },
];

const oneOf = <T extends string>(values: readonly T[], value: string | undefined) =>
  values.find((candidate) => candidate === value);

/**
 * Threat intelligence (README "Threat intelligence"): listed addresses, networks, email hashes,
 * devices and ASNs, by hand or from the daily R2 import. Adding and removing take effect on the
 * next request, so the list is read again as soon as the API answered.
 */
export default function ThreatsPage() {
  usePageTitle(() => "Threat intelligence", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<Search>();
  const [draft, setDraft] = createSignal(search.q ?? "");
  const filters = () => ({
    q: search.q?.trim() || undefined,
    kind: oneOf<ThreatKind>(THREAT_KINDS, search.kind),
    severity: oneOf<ThreatSeverity>(THREAT_SEVERITIES, search.severity),
    page: pageParam(search.page),
  });
  const [entries, { refetch }] = createResource(filters, (current) =>
    listThreats(adminApi, current),
  );
  const [adding, setAdding] = createSignal(false);
  const [removing, setRemoving] = createSignal<ThreatEntryView | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const canWrite = () => can("users.write");

  function finished(message: string) {
    setAdding(false);
    setRemoving(null);
    setDone(message);
    void refetch();
  }

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Threat intelligence</h1>
          <p class="ds-muted">
            Every request is checked against these entries first. High ones are refused; low and
            medium ones count towards the risk score. Lists uploaded to R2 are imported daily.
          </p>
        </div>
        <Show when={canWrite()}>
          <Button variant="danger" onClick={() => setAdding(true)}>
            Add an entry
          </Button>
        </Show>
      </header>
      <div aria-live="polite">
        <Show when={done()}>
          {(message) => (
            <Alert tone="success" title="Done">
              {message()}
            </Alert>
          )}
        </Show>
      </div>
      <form
        class="ds-cluster"
        aria-label="Search threat entries"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch({ q: draft().trim() || undefined, page: undefined });
        }}
      >
        <TextField
          label="Value"
          description="An address, network, device id or ASN, or its start; an email is matched whole."
          type="search"
          value={draft()}
          onChange={setDraft}
          maxLength={254}
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <FilteredList
        filters={FILTERS}
        search={search}
        setSearch={setSearch}
        list={entries}
        noun="Threat entries"
        empty="No entry matches."
        pagerLabel="Threat entry pages"
        onRetry={refetch}
      >
        {(items) => <ThreatsTable entries={items} canRemove={canWrite()} onRemove={setRemoving} />}
      </FilteredList>
      <Show when={adding()}>
        <AddThreatDialog
          onClose={() => setAdding(false)}
          onAdded={(entry) => finished(`Listed ${entry.key} as ${entry.severity}.`)}
        />
      </Show>
      <Show when={removing()} keyed>
        {(entry) => (
          <StepUpActionDialog
            title={`Remove ${entry.key}`}
            description="Requests matching it are no longer refused or scored. The removal is recorded in the audit log."
            formLabel="Remove the threat entry"
            submitLabel="Remove the entry"
            failureTitle="Not removed"
            check={() => entry.key}
            send={async (key, idempotencyKey) => {
              await removeThreat(adminApi, key, idempotencyKey);
              finished(`Removed ${key}.`);
            }}
            onClose={() => setRemoving(null)}
          />
        )}
      </Show>
    </div>
  );
}
