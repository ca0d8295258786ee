import { useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, Show } from "solid-js";
import { getOutboxEmail, listOutbox } from "~/api/outbox";
import { OutboxDetail } from "~/dev/OutboxDetail";
import { OutboxList } from "~/dev/OutboxList";
import { APP_NAME } from "~/layout/UserLayout";
import { createApiClient } from "~kit/api/client";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Pagination } from "~kit/design-system/components/Pagination";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import "~/dev/outbox.css";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";

const api = createApiClient();

type Search = { to?: string; page?: string; id?: string };

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * Dev-only: the mail the app stored instead of sending it, so verification and reset
 * links can be opened locally. Reachable by URL only; the API answers 404 outside the
 * local environment and the page says so.
 */
export default function OutboxPage() {
  usePageTitle(() => "Outbox", APP_NAME);
  // search, page and the open email live in the URL: reloads and shared links keep them
  const [search, setSearch] = useSearchParams<Search>();
  const filters = () => ({
    to: search.to || undefined,
    page: Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1),
  });
  const [emails, { refetch }] = createResource(filters, (current) => listOutbox(api, current));
  const [selected] = createResource(
    () => search.id || false,
    (id) => getOutboxEmail(api, id),
  );
  const [draft, setDraft] = createSignal(search.to ?? "");
  createEffect(() => setDraft(search.to ?? ""));

  // Opening an email moves focus to it (on a phone it renders below the list, out of
  // view); the email a page was loaded with keeps focus where the browser put it. Both
  // signals are read every time: the router commits the new URL only once the email loaded.
  let detailRegion: HTMLElement | undefined;
  let focusedId = search.id;
  createEffect(() => {
    const id = search.id;
    const email = selected.latest;
    if (!id || email?.id !== id || id === focusedId) return;
    focusedId = id;
    detailRegion?.focus();
  });

  const unavailable = () => isNotFound(emails.error);
  const hrefFor = (id: string) => {
    const params = new URLSearchParams();
    if (search.to) params.set("to", search.to);
    if (search.page) params.set("page", search.page);
    params.set("id", id);
    return `/dev/outbox?${params}`;
  };
  const onSearch = (event: SubmitEvent) => {
    event.preventDefault();
    setSearch({ to: draft().trim() || undefined, page: undefined, id: undefined });
  };

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Outbox</h1>
          <p class="ds-muted">
            Emails the app stored instead of sending them, newest first. Development only.
          </p>
        </div>
      </header>
      <Show
        when={!unavailable()}
        fallback={
          <Alert tone="info" title="Outbox unavailable">
            The outbox is only available in local development.
          </Alert>
        }
      >
        <search aria-label="Outbox">
          <form class="outbox-search" onSubmit={onSearch}>
            <TextField
              label="Recipient address"
              type="email"
              autocomplete="off"
              placeholder="ada@example.com"
              value={draft()}
              onChange={setDraft}
            />
            <div class="ds-cluster">
              <Button type="submit">Search</Button>
              <Show when={search.to}>
                <Button
                  variant="ghost"
                  onClick={() => setSearch({ to: undefined, page: undefined, id: undefined })}
                >
                  Show all
                </Button>
              </Show>
              <Button variant="outline" onClick={() => refetch()} loading={emails.loading}>
                Refresh
              </Button>
            </div>
          </form>
        </search>
        <div class="outbox-layout">
          <section class="ds-stack" aria-labelledby="outbox-list-heading">
            <h2 id="outbox-list-heading">{search.to ? `Emails to ${search.to}` : "All emails"}</h2>
            <Show when={emails.error}>
              {(error) => <LoadError what="The outbox" error={error()} onRetry={refetch} />}
            </Show>
            <Show
              when={emails.latest}
              fallback={
                <Show when={!emails.error}>
                  <SkeletonText lines={4} label="Loading emails…" />
                </Show>
              }
            >
              {(list) => (
                <Show
                  when={list().items.length > 0}
                  fallback={
                    <p class="ds-muted">
                      {search.to ? `No emails to ${search.to} yet.` : "The outbox is empty."}
                    </p>
                  }
                >
                  <OutboxList emails={list().items} selectedId={search.id} hrefFor={hrefFor} />
                  <Pagination
                    label="Outbox pages"
                    page={list().pagination.page}
                    count={list().pagination.total_pages}
                    onPageChange={(next) => setSearch({ page: String(next) })}
                  />
                </Show>
              )}
            </Show>
          </section>
          <section
            class="ds-stack outbox-detail-region"
            aria-label="Selected email"
            tabindex="-1"
            ref={(el) => (detailRegion = el)}
          >
            <Show
              when={search.id}
              fallback={<p class="ds-muted">Choose an email to read it here.</p>}
            >
              <Show when={selected.error}>
                {(error) => (
                  <Alert tone="error" title="This email could not be opened">
                    {isNotFound(error())
                      ? "It is no longer in the outbox."
                      : describeError(error())}
                  </Alert>
                )}
              </Show>
              <Show
                when={!selected.error && selected.latest}
                fallback={
                  <Show when={!selected.error}>
                    <SkeletonText lines={6} label="Loading email…" />
                  </Show>
                }
              >
                {(email) => <OutboxDetail email={email()} />}
              </Show>
            </Show>
          </section>
        </div>
      </Show>
    </div>
  );
}
