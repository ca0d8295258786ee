import { useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../api/admin-api";
import {
  AUDIT_FILTER_NAMES,
  type AuditFilterName,
  type AuditFilters,
  listAuditLog,
} from "../api/audit-log";
import { AuditLogTable } from "../audit/AuditLogTable";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import "../audit/audit-log.css";

type Search = Partial<Record<AuditFilterName | "page", string>>;

const FIELDS: { name: AuditFilterName; label: string; description?: string }[] = [
  { name: "actor", label: "Actor", description: "e.g. operator or user:<id>" },
  { name: "action", label: "Action", description: "e.g. backup.run" },
  { name: "resource_type", label: "Resource type" },
  { name: "resource_id", label: "Resource id" },
  { name: "from", label: "From", description: "YYYY-MM-DD or an ISO time" },
  { name: "to", label: "To", description: "YYYY-MM-DD (the whole day) or an ISO time" },
];

const emptyDraft = (): Record<AuditFilterName, string> =>
  Object.fromEntries(AUDIT_FILTER_NAMES.map((name) => [name, ""])) as Record<
    AuditFilterName,
    string
  >;

export default function AuditLogPage() {
  usePageTitle(() => "Audit log", ADMIN_APP_NAME);
  // filters live in the URL so a filtered view can be shared and survives reloads
  const [search, setSearch] = useSearchParams<Search>();
  const filters = (): AuditFilters => {
    const current: AuditFilters = {
      page: Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1),
    };
    for (const name of AUDIT_FILTER_NAMES) {
      const value = search[name]?.trim();
      if (value) current[name] = value;
    }
    return current;
  };
  const [entries, { refetch }] = createResource(filters, (current) =>
    listAuditLog(adminApi, current),
  );

  const [draft, setDraft] = createSignal(emptyDraft());
  // the form shows the filters in effect, also after back/forward
  createEffect(() => {
    const next = emptyDraft();
    for (const name of AUDIT_FILTER_NAMES) next[name] = search[name] ?? "";
    setDraft(next);
  });

  function apply(event: SubmitEvent) {
    event.preventDefault();
    const values = draft();
    const next: Search = { page: undefined };
    for (const name of AUDIT_FILTER_NAMES) next[name] = values[name].trim() || undefined;
    setSearch(next);
  }

  function clear() {
    const next: Search = { page: undefined };
    for (const name of AUDIT_FILTER_NAMES) next[name] = undefined;
    setSearch(next);
  }

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Audit log</h1>
          <p class="ds-muted">Every administrative action, newest first.</p>
        </div>
      </header>
      <Card>
        <div class="ds-stack">
          <form class="ds-stack" onSubmit={apply} aria-label="Audit log filters">
            <div class="audit-filters">
              <For each={FIELDS}>
                {(field) => (
                  <TextField
                    id={`audit-${field.name}`}
                    label={field.label}
                    description={field.description}
                    value={draft()[field.name]}
                    onChange={(value) => setDraft({ ...draft(), [field.name]: value })}
                  />
                )}
              </For>
            </div>
            <div class="ds-cluster">
              <Button type="submit">Apply filters</Button>
              <Button variant="ghost" onClick={clear}>
                Clear filters
              </Button>
            </div>
          </form>
          <PagedList
            list={entries}
            onRetry={refetch}
            noun="Audit log"
            empty="No entries match these filters."
            pagerLabel="Audit log pages"
            count={(total) => `${total} ${total === 1 ? "entry" : "entries"}`}
            onPage={(next) => setSearch({ page: String(next) })}
          >
            {(items) => <AuditLogTable entries={items} />}
          </PagedList>
        </div>
      </Card>
    </div>
  );
}
