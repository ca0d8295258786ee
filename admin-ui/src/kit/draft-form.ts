import { createSignal } from "solid-js";

/** Field by field, what is wrong with a draft: `{ amount: "Enter an amount" }`. */
export type Issues<Field extends string = string> = Partial<Record<Field, string>>;

/** What a draft's checker says: the request to send, or the issues to show on the fields. */
export type Checked<Request, Field extends string = string> =
  | { ok: true; request: Request }
  | { ok: false; issues: Issues<Field> };

/**
 * The state of an admin dialog's form: the draft as typed, a patch setter, and `check`, which
 * runs the checker, puts its issues on the fields and hands back the request or null, the
 * shape StepUpActionDialog's `check` takes.
 */
export function createDraftForm<Draft extends object, Request, Field extends string = string>(
  initial: Draft,
  checker: (draft: Draft) => Checked<Request, Field>,
) {
  const [draft, setDraft] = createSignal<Draft>(initial);
  const [issues, setIssues] = createSignal<Issues<Field>>({});
  return {
    draft,
    issues,
    set: (patch: Partial<Draft>) => setDraft(() => ({ ...draft(), ...patch })),
    check: (): Request | null => {
      const checked = checker(draft());
      setIssues(checked.ok ? {} : checked.issues);
      return checked.ok ? checked.request : null;
    },
  };
}
