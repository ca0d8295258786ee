import { ApiError } from "~shared/api/envelope";

export const MFA_REQUIRED_MESSAGE =
  "Turn on two-factor authentication for this account to do this.";
export const FORBIDDEN_MESSAGE = "Your role cannot do this.";

/** What to tell the person about a failed request: permission answers get plain words. */
export function describeError(cause: unknown): string {
  if (cause instanceof ApiError && cause.status === 403) {
    if (cause.code === "mfa_required") return MFA_REQUIRED_MESSAGE;
    if (cause.code === "forbidden") return FORBIDDEN_MESSAGE;
  }
  return cause instanceof Error ? cause.message : String(cause);
}
