import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import {
  cloneResume,
  createResume,
  deleteResume,
  importResume,
  listResumes,
  restoreResume,
  saveResume,
} from "~/api/resumes";
import { planName } from "~/auth/plan-options";
import { api } from "~/auth/session";
import { liveEntitlements } from "~/billing/live-plans";
import type { ResumeSort, ResumeSummary, SortOrder } from "~core/contract/resumes";
import { templateInfo } from "~core/templates/index";
import type { User } from "~kit/api/auth";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Pagination } from "~kit/design-system/components/Pagination";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { Icon } from "~kit/design-system/icons/Icon";
import { formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { TitleDialog } from "./CreateResumeDialog";
import "./resume-list.css";

const SORTS: { value: string; label: string; sort: ResumeSort; order: SortOrder }[] = [
  { value: "updated", label: "Last edited", sort: "updated_at", order: "desc" },
  { value: "created", label: "Newest first", sort: "created_at", order: "desc" },
  { value: "title", label: "Title A–Z", sort: "title", order: "asc" },
];

/** The dashboard's resumes: search, sort, create, import, rename, copy, bin and restore. */
export function ResumeList(props: { user: User }) {
  const navigate = useNavigate();
  const [query, setQuery] = createSignal("");
  const [sort, setSort] = createSignal("updated");
  const [bin, setBin] = createSignal(false);
  const [page, setPage] = createSignal(1);
  const [notice, setNotice] = createSignal<{ text: string; undo?: () => void } | null>(null);
  const [error, setError] = createSignal("");
  const [creating, setCreating] = createSignal(false);
  const [renaming, setRenaming] = createSignal<ResumeSummary | null>(null);
  let fileInput: HTMLInputElement | undefined;

  const [resumes, { refetch }] = createResource(
    () => ({ q: query().trim(), sort: sort(), deleted: bin(), page: page() }),
    (key) => {
      const chosen = SORTS.find((item) => item.value === key.sort) ?? SORTS[0]!;
      return listResumes(api, {
        q: key.q || undefined,
        sort: chosen.sort,
        order: chosen.order,
        deleted: key.deleted,
        page: key.page,
        per_page: 20,
      });
    },
  );
  // how many count against the plan: the live resumes, whatever the search shows
  const [liveCount, { refetch: recount }] = createResource(
    async () => (await listResumes(api, { per_page: 1 })).pagination.total,
  );
  const limit = () => liveEntitlements(props.user.plan).resumes;
  const refresh = () => {
    void refetch();
    void recount();
  };

  const showBin = (value: boolean) => {
    setBin(value);
    setPage(1);
  };

  const act = async (work: () => Promise<void>) => {
    setError("");
    try {
      await work();
    } catch (cause) {
      setError(describeError(cause, { listIssues: true }));
    }
  };

  const moveToBin = (resume: ResumeSummary) =>
    act(async () => {
      await deleteResume(api, resume.id);
      setNotice({
        text: `“${resume.title}” is in the bin.`,
        undo: () =>
          void act(async () => {
            await restoreResume(api, resume.id);
            setNotice({ text: `“${resume.title}” is back.` });
            refresh();
          }),
      });
      refresh();
    });

  const importFile = (file: File) =>
    act(async () => {
      let document: unknown;
      try {
        document = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not a JSON file.`);
      }
      // Titled by the server after the person and role in it, not after the file.
      const created = await importResume(api, document);
      navigate(`/resumes/${created.id}`);
    });

  return (
    <section class="resume-list" aria-labelledby="resume-list-heading">
      <header class="resume-list__header">
        <h2 id="resume-list-heading">Your resumes</h2>
        <p class="ds-muted resume-list__limit">
          <Show when={liveCount.state === "ready"}>
            {limit() === null
              ? `${liveCount()} resumes · unlimited on the ${planName(props.user.plan)} plan`
              : `${liveCount()} of ${limit()} resumes on the ${planName(props.user.plan)} plan`}
          </Show>
        </p>
        <div class="ds-cluster">
          <Button icon="file-text" onClick={() => setCreating(true)}>
            New resume
          </Button>
          <Button variant="outline" icon="upload" onClick={() => fileInput?.click()}>
            Import JSON Resume
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            class="ds-visually-hidden"
            tabIndex={-1}
            aria-label="JSON Resume file"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = "";
              if (file) void importFile(file);
            }}
          />
        </div>
      </header>

      <div class="resume-list__filters">
        <div class="ds-field">
          <label class="ds-field__label" for="resume-search">
            Search by title
          </label>
          <input
            id="resume-search"
            type="search"
            class="ds-field__control"
            value={query()}
            onInput={(event) => {
              setQuery(event.currentTarget.value);
              setPage(1);
            }}
          />
        </div>
        <div class="ds-field">
          <label class="ds-field__label" for="resume-sort">
            Sort
          </label>
          <select
            id="resume-sort"
            class="ds-field__control"
            value={sort()}
            onChange={(event) => setSort(event.currentTarget.value)}
          >
            <For each={SORTS}>{(item) => <option value={item.value}>{item.label}</option>}</For>
          </select>
        </div>
        <fieldset class="resume-list__views">
          <legend class="ds-visually-hidden">Show</legend>
          <button type="button" aria-pressed={!bin()} onClick={() => showBin(false)}>
            Resumes
          </button>
          <button type="button" aria-pressed={bin()} onClick={() => showBin(true)}>
            Bin
          </button>
        </fieldset>
      </div>

      <div aria-live="polite" class="ds-stack">
        <Show when={error()}>
          <Alert tone="error" title="That did not work">
            {error()}
          </Alert>
        </Show>
        <Show when={notice()}>
          {(current) => (
            <Alert
              tone="success"
              action={
                current().undo && (
                  <Button size="sm" variant="outline" onClick={() => current().undo?.()}>
                    Undo
                  </Button>
                )
              }
            >
              {current().text}
            </Alert>
          )}
        </Show>
      </div>

      <Show
        when={resumes.state !== "pending" || resumes.latest}
        fallback={<SkeletonText lines={3} label="Loading your resumes…" />}
      >
        <Show
          when={!resumes.error}
          fallback={<LoadError what="Your resumes" error={resumes.error} onRetry={refetch} />}
        >
          <Show
            when={(resumes.latest?.items.length ?? 0) > 0}
            fallback={
              <div class="dashboard__empty">
                <span class="dashboard__empty-icon" aria-hidden="true">
                  <Icon name="file-text" size={28} />
                </span>
                <p class="dashboard__empty-title">
                  {bin()
                    ? "The bin is empty"
                    : query()
                      ? "No resume has that title"
                      : "No resumes yet"}
                </p>
                <p class="ds-muted">
                  {bin()
                    ? "Resumes you delete wait here until you restore them."
                    : "Create one, or import a JSON Resume file."}
                </p>
              </div>
            }
          >
            <ul class="resume-list__items">
              <For each={resumes.latest?.items}>
                {(resume) => (
                  <li class="resume-card">
                    <div class="resume-card__main">
                      <Show when={!bin()} fallback={<strong>{resume.title}</strong>}>
                        <A href={`/resumes/${resume.id}`} class="resume-card__title">
                          {resume.title}
                        </A>
                      </Show>
                      <span class="ds-muted resume-card__meta">
                        {templateInfo(resume.template).name} ·{" "}
                        {bin()
                          ? `deleted ${formatDateTime(resume.deleted_at)}`
                          : `edited ${formatDateTime(resume.updated_at)}`}
                      </span>
                      <Show when={!bin() && resume.read_only}>
                        <span class="resume-card__meta">
                          <Badge tone="warning">Read-only</Badge> beyond your plan's {limit()}{" "}
                          resumes: upgrade or delete another to edit it
                        </span>
                      </Show>
                    </div>
                    <div class="resume-card__actions">
                      <Show
                        when={!bin()}
                        fallback={
                          <Button
                            size="sm"
                            variant="outline"
                            aria-label={`Restore ${resume.title}`}
                            onClick={() =>
                              void act(async () => {
                                await restoreResume(api, resume.id);
                                setNotice({ text: `“${resume.title}” is back in your resumes.` });
                                refresh();
                              })
                            }
                          >
                            Restore
                          </Button>
                        }
                      >
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={resume.read_only}
                          aria-label={`Rename ${resume.title}`}
                          onClick={() => setRenaming(resume)}
                        >
                          Rename
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Duplicate ${resume.title}`}
                          onClick={() =>
                            void act(async () => {
                              const copy = await cloneResume(
                                api,
                                resume.id,
                                `${resume.title} (copy)`.slice(0, 120),
                              );
                              setNotice({ text: `Made “${copy.title}”.` });
                              refresh();
                            })
                          }
                        >
                          Duplicate
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Delete ${resume.title}`}
                          onClick={() => void moveToBin(resume)}
                        >
                          Delete
                        </Button>
                      </Show>
                    </div>
                  </li>
                )}
              </For>
            </ul>
            <Show when={(resumes.latest?.pagination.total_pages ?? 1) > 1}>
              <Pagination
                label="Resume pages"
                page={page()}
                count={resumes.latest?.pagination.total_pages ?? 1}
                onPageChange={setPage}
              />
            </Show>
          </Show>
        </Show>
      </Show>

      <Show when={creating()}>
        <TitleDialog
          open
          onOpenChange={setCreating}
          heading="New resume"
          confirm="Create resume"
          plan={props.user.plan}
          onSubmit={async (title, template) => {
            try {
              const created = await createResume(api, { title, template });
              navigate(`/resumes/${created.id}`);
            } catch (cause) {
              throw new Error(describeError(cause, { listIssues: true }));
            }
          }}
        />
      </Show>
      <Show when={renaming()} keyed>
        {(resume) => (
          <TitleDialog
            open
            onOpenChange={(open) => !open && setRenaming(null)}
            heading={`Rename “${resume.title}”`}
            confirm="Rename"
            initialTitle={resume.title}
            onSubmit={async (title) => {
              try {
                await saveResume(api, resume.id, resume.version, { title });
              } catch (cause) {
                throw new Error(
                  cause instanceof ApiError && cause.status === 409
                    ? "It changed since this list loaded. Close this and try again."
                    : describeError(cause, { listIssues: true }),
                );
              } finally {
                refresh();
              }
              setNotice({ text: `Renamed to “${title}”.` });
            }}
          />
        )}
      </Show>
    </section>
  );
}
