import { createSignal } from "solid-js";
import { ApiError } from "../api/envelope";
import type { FormProblem } from "../design-system/components/ErrorSummary";
import { describeError } from "./describe-error";

/** What an error from the server means for the form: messages on fields, or on the form. */
export interface ErrorPlacement<F extends string> {
  fields?: Partial<Record<F, string>>;
  form?: string;
}

export interface FormOptions<F extends string> {
  /** Each field's control id, in the order the form shows them (the summary's order). */
  fields: Record<F, string>;
  /** Problems found without asking the server; run on submit and, after one, on every edit. */
  validate?: () => Partial<Record<F, string>>;
  /** Turns a server error into messages; the default maps `validation_failed` issues. */
  placeError?: (error: ApiError) => ErrorPlacement<F> | undefined;
  /** Friendlier wording for a field's server-side validation message. */
  fieldMessages?: Partial<Record<F, string>>;
}

interface ValidationIssue {
  path?: unknown[];
  message?: string;
}

/** `validation_failed` details (zod issues, path[0] is the field) as field messages. */
export function validationMessages<F extends string>(
  error: ApiError,
  fields: readonly F[],
  friendly: Partial<Record<F, string>> = {},
): Partial<Record<F, string>> {
  const messages: Partial<Record<F, string>> = {};
  if (error.code !== "validation_failed" || !Array.isArray(error.details)) return messages;
  for (const issue of error.details as ValidationIssue[]) {
    const field = issue.path?.[0];
    if (typeof field !== "string" || !(fields as readonly string[]).includes(field)) continue;
    const key = field as F;
    const message = friendly[key] ?? issue.message ?? "Check this field.";
    // several issues on one field (a weak password) read as one message
    messages[key] =
      messages[key] && messages[key] !== message ? `${messages[key]} ${message}` : message;
  }
  return messages;
}

/**
 * State of an accessible form: field errors (from checks in the page and from the
 * server), a form-level error, the pending flag, and the summary shown after a failed
 * submit, which takes focus (`summaryFocus` changes each time).
 */
export function createForm<F extends string>(options: FormOptions<F>) {
  const names = Object.keys(options.fields) as F[];
  const [attempted, setAttempted] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<Partial<Record<F, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);
  const [summaryFocus, setSummaryFocus] = createSignal(0);

  const clientErrors = (): Partial<Record<F, string>> =>
    attempted() ? (options.validate?.() ?? {}) : {};

  const error = (field: F): string | undefined => clientErrors()[field] ?? serverErrors()[field];

  const problems = (): FormProblem[] => {
    const list: FormProblem[] = [];
    for (const name of names) {
      const message = error(name);
      if (message) list.push({ message, fieldId: options.fields[name] });
    }
    const general = formError();
    if (general) list.push({ message: general });
    return list;
  };

  /** Call from each field's onChange: a server message about the old value goes away. */
  function edited(field: F) {
    if (serverErrors()[field] !== undefined) {
      const { [field]: _dropped, ...rest } = serverErrors();
      setServerErrors(() => rest as Partial<Record<F, string>>);
    }
  }

  /**
   * A field's value, change handler and error for its control's props:
   * `<CodeField id="…" {...form.bind("code", code, setCode)} />`. The getters keep the props
   * reactive through the spread; a change also clears the server's message about the old value.
   */
  function bind<T>(field: F, value: () => T, setValue: (next: T) => void) {
    return {
      get value() {
        return value();
      },
      onChange(next: T) {
        setValue(next);
        edited(field);
      },
      get error() {
        return error(field);
      },
    };
  }

  function place(error: unknown) {
    const placed =
      error instanceof ApiError
        ? (options.placeError?.(error) ??
          (error.code === "validation_failed"
            ? { fields: validationMessages(error, names, options.fieldMessages) }
            : undefined))
        : undefined;
    const fields = placed?.fields ?? {};
    setServerErrors(() => fields);
    const anyField = Object.values(fields).some((message) => message);
    setFormError(placed?.form ?? (anyField ? null : describeError(error)));
  }

  /**
   * Handles a submit: checks the fields, then runs `action`; a thrown error is placed on
   * the fields or the form and the summary takes focus.
   */
  async function submit(event: SubmitEvent, action: () => Promise<void>) {
    event.preventDefault();
    if (pending()) return;
    setAttempted(true);
    setServerErrors({});
    setFormError(null);
    if (Object.values(options.validate?.() ?? {}).some((message) => message)) {
      setSummaryFocus(summaryFocus() + 1);
      return;
    }
    setPending(true);
    try {
      await action();
    } catch (error) {
      place(error);
      setSummaryFocus(summaryFocus() + 1);
    } finally {
      setPending(false);
    }
  }

  function reset() {
    setAttempted(false);
    setServerErrors({});
    setFormError(null);
  }

  return { error, problems, edited, bind, submit, pending, summaryFocus, formError, reset };
}
