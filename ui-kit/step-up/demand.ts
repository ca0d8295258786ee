import { STEP_UP_METHODS, type StepUpMethod } from "../../core/auth/step-up";
import { ApiError } from "../api/envelope";

// What a 403 asking for a step-up means, apart from the client and the dialog so that plain
// Node (unit tests) can check it.

export const STEP_UP_PATH = "/api/auth/step-up";
export const PASSKEY_STEP_UP_PREFIX = "/api/auth/passkeys/step-up/";

/** The requests that give a step-up: their own refusals go to the dialog, not to another. */
export const isStepUpRequest = (path: string) =>
  path === STEP_UP_PATH || path.startsWith(PASSKEY_STEP_UP_PREFIX);

/** Ways of proving it is you that a `step_up_required` answer may list. */
export type { StepUpMethod };

/** What the server asks for: a recent sign-in, possibly with a second factor. */
export interface StepUpDemand {
  /** `step_up_required`: prove it again; `mfa_required`: the session lacks a second factor. */
  reason: "step_up_required" | "mfa_required";
  secondFactor: boolean;
  /**
   * The proofs the account can give, or null when the answer did not say (then
   * GET /api/auth/mfa tells whether a code can be asked for).
   */
  methods: StepUpMethod[] | null;
}

const METHODS = new Set<string>(STEP_UP_METHODS);

/** The 403 answers a step-up can cure. */
export const needsStepUp = (error: unknown): error is ApiError =>
  error instanceof ApiError &&
  error.status === 403 &&
  (error.code === "step_up_required" || error.code === "mfa_required");

/** Reads the demand out of a 403 `step_up_required` or `mfa_required` and its details. */
export function stepUpDemand(error: ApiError): StepUpDemand {
  const details = (error.details ?? {}) as { second_factor?: unknown; methods?: unknown };
  const listed = Array.isArray(details.methods)
    ? details.methods.filter((method): method is StepUpMethod => METHODS.has(String(method)))
    : null;
  if (error.code === "mfa_required") {
    // the session was opened without a second factor: the password cannot cure that
    return {
      reason: "mfa_required",
      secondFactor: true,
      methods: listed ? listed.filter((method) => method !== "password") : null,
    };
  }
  return {
    reason: "step_up_required",
    secondFactor: details.second_factor === true,
    methods: listed,
  };
}
