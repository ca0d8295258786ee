import { ApiError } from "../api/envelope";

/**
 * Refusals whose server wording names internals (a permission, a session flag): both apps
 * say them in plain words. Only staff routes answer these (README "Admin").
 */
const PLAIN_WORDS: Partial<Record<string, string>> = {
  mfa_required: "Turn on two-factor authentication for this account to do this.",
  forbidden: "Your role cannot do this.",
};

export interface DescribeOptions {
  /**
   * Adds up to four `validation_failed` issues ("path: message") to the message, for
   * input that has no form field to show them on (an imported file, say).
   */
  listIssues?: boolean;
}

/** What to tell the person about a failure: the one error-to-text helper of both apps. */
export function describeError(error: unknown, options: DescribeOptions = {}): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === "network_error")
    return "The server could not be reached. Check your connection and try again.";
  if (error.status === 403 && PLAIN_WORDS[error.code]) return PLAIN_WORDS[error.code]!;
  if (error.status === 429) {
    const seconds = retryAfterSeconds(error);
    // the server's first clause says what was too much; the wait is said once, here
    const what = error.message.split(/[.;]/)[0]?.trim() || "Too many attempts";
    return seconds ? `${what}. Try again ${formatWait(seconds)}.` : error.message;
  }
  if (options.listIssues && error.code === "validation_failed" && Array.isArray(error.details)) {
    const issues = (error.details as { path?: unknown[]; message?: string }[])
      .slice(0, 4)
      .map((issue) => `${(issue.path ?? []).join(".") || "document"}: ${issue.message}`);
    return `${error.message} — ${issues.join("; ")}`;
  }
  return error.message;
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
