import { createSignal } from "solid-js";
import type { FormProblem } from "~ds/components/ErrorSummary";
import { ApiError } from "~shared/api/envelope";

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

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "network_error")
      return "The server could not be reached. Check your connection and try again.";
    if (error.status === 429) {
      const seconds = retryAfterSeconds(error);
      // the server's first clause says what was too much; the wait is said once, here
      const what = error.message.split(/[.;]/)[0]?.trim() || "Too many attempts";
      return seconds ? `${what}. Try again ${formatWait(seconds)}.` : error.message;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** `details.retry_after` of a 429, in seconds. */
export function retryAfterSeconds(error: ApiError): number | null {
  const details = error.details as { retry_after?: unknown } | null;
  const value = Number(details?.retry_after);
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : null;
}

/** "in 3 minutes" / "in 45 seconds" / "at 14:05". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const at = new Date(Date.now() + seconds * 1000);
  return `at ${at.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" })}`;
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

  return { error, problems, edited, submit, pending, summaryFocus, formError, reset };
}
