import { useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { PagedList } from "~kit/lists/PagedList";
import { adminApi } from "../../api/admin-api";
import { listUsers } from "../../api/users";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { BulkActions } from "../../users/BulkActions";
import {
  filterOf,
  isSelected,
  type ListSelection,
  noSelection,
  toggleIds,
} from "../../users/bulk-view";
import { UserSelectFilters } from "../../users/UserFilters";
import { UsersTable } from "../../users/UsersTable";
import {
  clearedFilters,
  hasFilters,
  nextSort,
  parseUserListSearch,
  type UserFilterName,
  type UserListSearch,
  withFilter,
} from "../../users/user-list-view";
import "../../users/users.css";

/** The typed fields: applied together with "Search", unlike the selects. */
const TYPED = ["q", "signed_up_from", "signed_up_to", "active_from", "active_to"] as const;
type TypedName = (typeof TYPED)[number];

const DATE_FIELDS: { name: TypedName; label: string }[] = [
  { name: "signed_up_from", label: "Signed up from" },
  { name: "signed_up_to", label: "Signed up to" },
  { name: "active_from", label: "Last signed in from" },
  { name: "active_to", label: "Last signed in to" },
];

const emptyDraft = (): Record<TypedName, string> =>
  Object.fromEntries(TYPED.map((name) => [name, ""])) as Record<TypedName, string>;

/**
 * Users (README "Admin: users"): search by name or email words, an exact id, email or
 * customer id; filter by status, plan, role, two-factor, sign-up and last sign-in days; sort by
 * a column heading. Everything is in the URL, so a list can be shared and survives reloads.
 */
export default function UsersPage() {
  usePageTitle(() => "Users", ADMIN_APP_NAME);
  const [search, setSearch] = useSearchParams<UserListSearch>();
  const query = () => parseUserListSearch(search);
  const [users, { refetch }] = createResource(query, (current) => listUsers(adminApi, current));

  const [draft, setDraft] = createSignal(emptyDraft());
  // the form shows what is in effect, also after back/forward
  createEffect(() => {
    const next = emptyDraft();
    for (const name of TYPED) next[name] = search[name] ?? "";
    setDraft(next);
  });

  function apply(event: SubmitEvent) {
    event.preventDefault();
    const values = draft();
    let next: UserListSearch = {};
    for (const name of TYPED) next = { ...next, ...withFilter(name, values[name]) };
    setSearch(next);
  }

  const setFilter = (name: UserFilterName, value: string) => setSearch(withFilter(name, value));

  // Bulk actions: ticked rows stay ticked across pages and sorts; another search or filter
  // is another list, so the selection starts over.
  const [selection, setSelection] = createSignal<ListSelection>(noSelection());
  createEffect(
    on(
      () => JSON.stringify(filterOf(query())),
      () => setSelection(noSelection()),
      { defer: true },
    ),
  );
  const shown = () =>
    users.state === "ready" || users.state === "refreshing" ? users.latest : undefined;
  /** Emails of the accounts seen on the pages shown, for the bulk results. */
  const emails = new Map<string, string>();
  createEffect(() => {
    for (const user of shown()?.items ?? []) emails.set(user.id, user.email);
  });

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Users</h1>
          <p class="ds-muted">
            Every word must match the start of a word in the name or email. An exact id, email or
            Stripe customer id finds that account.
          </p>
        </div>
      </header>
      <Card>
        <div class="ds-stack">
          <form class="ds-stack" aria-label="Search users" onSubmit={apply}>
            <TextField
              id="users-q"
              type="search"
              label="Search"
              placeholder="Name, email, user id or cus_…"
              maxLength={200}
              value={draft().q}
              onChange={(value) => setDraft({ ...draft(), q: value })}
            />
            <div class="users-dates">
              <For each={DATE_FIELDS}>
                {(field) => (
                  <TextField
                    id={`users-${field.name}`}
                    label={field.label}
                    description="YYYY-MM-DD, UTC, the whole day"
                    inputMode="numeric"
                    maxLength={10}
                    value={draft()[field.name]}
                    onChange={(value) => setDraft({ ...draft(), [field.name]: value })}
                  />
                )}
              </For>
            </div>
            <div class="ds-cluster">
              <Button type="submit">Search</Button>
              <Show when={hasFilters(search)}>
                <Button variant="ghost" onClick={() => setSearch(clearedFilters())}>
                  Clear filters
                </Button>
              </Show>
            </div>
          </form>
          <UserSelectFilters search={search} onChange={setFilter} />
          <BulkActions
            selection={selection()}
            pageIds={shown()?.items.map((user) => user.id) ?? []}
            total={shown()?.pagination.total ?? 0}
            emailOf={(id) => emails.get(id)}
            onSelectAllMatching={() =>
              setSelection({
                kind: "filter",
                filter: filterOf(query()),
                total: shown()?.pagination.total ?? 0,
              })
            }
            onClear={() => setSelection(noSelection())}
            onChanged={refetch}
          />
          <PagedList
            list={users}
            onRetry={refetch}
            noun="Users"
            empty="No account matches this search and these filters."
            pagerLabel="User pages"
            count={(total) => `${total} ${total === 1 ? "account" : "accounts"}`}
            onPage={(next) => setSearch({ page: String(next) })}
          >
            {(items) => (
              <UsersTable
                users={items}
                query={query()}
                onSort={(field) => setSearch(nextSort(query(), field))}
                selection={{
                  isSelected: (id) => isSelected(selection(), id),
                  allMatching: selection().kind === "filter",
                  onSelect: (ids, checked) => setSelection(toggleIds(selection(), ids, checked)),
                }}
              />
            )}
          </PagedList>
        </div>
      </Card>
    </div>
  );
}
