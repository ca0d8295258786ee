import { A, useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import type { ModeratorVerdict } from "~core/moderation/model";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { showToast } from "~kit/design-system/components/Toast";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../../api/admin-api";
import {
  type DecisionResult,
  decideModerationCases,
  listModerationCases,
} from "../../api/moderation";
import { can } from "../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { BulkDecisionDialog } from "../../moderation/BulkDecisionDialog";
import { CasesTable } from "../../moderation/CasesTable";
import { createNow } from "../../moderation/create-now";
import {
  decisionSucceeded,
  describeDecision,
  summarizeDecisions,
} from "../../moderation/decision-results";
import { VERDICT_LABELS } from "../../moderation/labels";
import {
  ALL,
  type FilterName,
  parseQueueFilters,
  QueueFilters,
} from "../../moderation/QueueFilters";
import "../../moderation/moderation.css";

type Search = Partial<Record<FilterName | "page", string>>;

const VERDICTS: ModeratorVerdict[] = ["approve", "reject", "request_changes"];

interface BulkOutcome {
  verdict: ModeratorVerdict;
  results: DecisionResult[];
}

export default function ModerationQueuePage() {
  usePageTitle(() => "Moderation queue", ADMIN_APP_NAME);
  // filters live in the URL, so a filtered queue can be shared and survives reloads
  const [search, setSearch] = useSearchParams<Search>();
  const filters = () => parseQueueFilters(search);
  const [cases, { refetch }] = createResource(filters, (current) =>
    listModerationCases(adminApi, current),
  );
  const now = createNow();
  const canDecide = () => can("content.moderate");

  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [verdict, setVerdict] = createSignal<ModeratorVerdict | null>(null);
  const [outcome, setOutcome] = createSignal<BulkOutcome | null>(null);
  // another page or filter shows other cases: what was ticked here is not on screen anymore
  createEffect(on(filters, () => setSelected(new Set<string>()), { defer: true }));

  const select = (ids: string[], checked: boolean) => {
    const next = new Set(selected());
    for (const id of ids) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  const setFilter = (name: FilterName, value: string) =>
    setSearch({ [name]: value === ALL ? undefined : value, page: undefined });

  async function decide(chosen: ModeratorVerdict, reason: string) {
    const results = await decideModerationCases(adminApi, {
      case_ids: [...selected()],
      verdict: chosen,
      reason,
    });
    setOutcome({ verdict: chosen, results });
    setSelected(new Set<string>());
    showToast({ title: summarizeDecisions(results), tone: "success" });
    await refetch();
  }

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Moderation queue</h1>
          <p class="ds-muted">
            Content the automated checks were unsure about, and content people reported. The soonest
            deadline comes first: critical cases within 24 hours, standard ones within 48.
          </p>
        </div>
        <div class="ds-cluster">
          <A href="/moderation/rules">Moderation rules</A>
          <A href="/moderation/strikes">Strike thresholds</A>
        </div>
      </header>
      <div aria-live="polite">
        <Show when={outcome()}>
          {(shown) => (
            <Alert
              tone={shown().results.every(decisionSucceeded) ? "success" : "warning"}
              title={`${VERDICT_LABELS[shown().verdict]}: ${summarizeDecisions(shown().results)}`}
            >
              <ul class="moderation-results">
                <For each={shown().results}>
                  {(result) => (
                    <li>
                      <A href={`/moderation/${encodeURIComponent(result.case_id)}`} class="ds-mono">
                        {result.case_id}
                      </A>
                      : {describeDecision(result, shown().verdict)}
                    </li>
                  )}
                </For>
              </ul>
            </Alert>
          )}
        </Show>
      </div>
      <Card>
        <div class="ds-stack">
          <QueueFilters filters={filters()} onChange={setFilter} />
          <Show when={canDecide()}>
            <fieldset class="moderation-bulk">
              <legend class="ds-visually-hidden">Decide the selected cases</legend>
              <span aria-live="polite">
                {selected().size} {selected().size === 1 ? "case" : "cases"} selected
              </span>
              <For each={VERDICTS}>
                {(choice) => (
                  <Button
                    size="sm"
                    variant={choice === "approve" ? "secondary" : "outline"}
                    disabled={selected().size === 0}
                    onClick={() => setVerdict(choice)}
                  >
                    {VERDICT_LABELS[choice]}
                    <span class="ds-visually-hidden"> the selected cases</span>
                  </Button>
                )}
              </For>
            </fieldset>
          </Show>
          <PagedList
            list={cases}
            onRetry={refetch}
            noun="Cases"
            empty="No cases match these filters."
            pagerLabel="Moderation queue pages"
            count={(total) => `${total} ${total === 1 ? "case" : "cases"}`}
            onPage={(next) => setSearch({ page: String(next) })}
          >
            {(items) => (
              <CasesTable
                cases={items}
                now={now()}
                selectable={canDecide()}
                selected={selected()}
                onSelect={select}
              />
            )}
          </PagedList>
        </div>
      </Card>
      <BulkDecisionDialog
        verdict={verdict()}
        count={selected().size}
        onClose={() => setVerdict(null)}
        onDecide={decide}
      />
    </div>
  );
}
