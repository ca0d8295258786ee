import { createSignal, For, Show } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { ErrorSummary } from "~kit/design-system/components/ErrorSummary";
import { Textarea } from "~kit/design-system/components/Textarea";
import { formatDateTime } from "~kit/format";
import { createForm } from "~kit/forms/create-form";
import { adminApi } from "../api/admin-api";
import { addUserNote, type StaffNote } from "../api/users";
import { newIdempotencyKey } from "../standing/standing-view";
import { NOTE_MAX_CHARS, noteProblem } from "./user-list-view";

/**
 * Staff-only notes (README "Admin: users"), newest first, with who wrote each and when. Those
 * with `users.write` add one; a retried click sends the same key, so the note is added once.
 */
export function UserNotes(props: {
  userId: string;
  notes: StaffNote[];
  canAdd: boolean;
  onAdded: (note: StaffNote) => void;
}) {
  const [body, setBody] = createSignal("");
  // one key per note being written: a retry after a lost answer replays instead of adding twice
  const [key, setKey] = createSignal(newIdempotencyKey());
  const form = createForm({
    fields: { body: "user-note-body" },
    validate: () => ({ body: noteProblem(body()) }),
  });

  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      const note = await addUserNote(adminApi, props.userId, body().trim(), key());
      setBody("");
      setKey(newIdempotencyKey());
      form.reset();
      props.onAdded(note);
    });

  return (
    <div class="ds-stack">
      <Show when={props.canAdd}>
        <ErrorSummary problems={form.problems()} focusKey={form.summaryFocus()} />
        <form class="ds-stack" onSubmit={submit} aria-label="Add a note" novalidate>
          {/* the wrapper carries the id the error summary links to (Textarea takes none) */}
          <div id="user-note-body">
            <Textarea
              label="New note"
              description={`Staff only; the account never sees it. At most ${NOTE_MAX_CHARS} characters.`}
              {...form.bind("body", body, setBody)}
              required
              rows={3}
            />
          </div>
          <div class="ds-cluster">
            <Button type="submit" loading={form.pending()}>
              Add note
            </Button>
          </div>
        </form>
      </Show>
      <Show when={props.notes.length} fallback={<p class="ds-muted">No notes yet.</p>}>
        <ul class="ds-stack" aria-label="Notes">
          <For each={props.notes}>
            {(note) => (
              <li>
                <p class="users-note">{note.body}</p>
                <p class="ds-muted">
                  {note.author_email ?? note.author_id},{" "}
                  <time datetime={note.created_at}>{formatDateTime(note.created_at)}</time>
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
