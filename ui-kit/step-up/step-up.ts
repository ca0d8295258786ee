import { type Accessor, createSignal } from "solid-js";
import type { ApiError } from "../api/envelope";

/**
 * Connects an API client's `onStepUp` hook to the app's step-up dialog: a refused request
 * waits here while the dialog is open, and is sent again if the person proved it is them.
 */
export interface StepUpController {
  /** The refusal the dialog is answering, or null while it is closed. */
  pending: Accessor<ApiError | null>;
  /** Pass as the client's `onStepUp`: resolves true once the step-up succeeded. */
  ask: (error: ApiError) => Promise<boolean>;
  /** Called by the dialog when it closes: true after a successful step-up. */
  settle: (passed: boolean) => void;
}

export function createStepUpController(): StepUpController {
  const [pending, setPending] = createSignal<ApiError | null>(null);
  // requests refused while the dialog is open wait for the same answer: one prompt, not one
  // per request
  let answer: Promise<boolean> | null = null;
  let resolveAnswer: ((passed: boolean) => void) | null = null;

  return {
    pending,
    ask(error) {
      if (!answer) {
        answer = new Promise<boolean>((resolve) => {
          resolveAnswer = resolve;
        });
        setPending(error);
      }
      return answer;
    },
    settle(passed) {
      const resolve = resolveAnswer;
      answer = null;
      resolveAnswer = null;
      setPending(null);
      resolve?.(passed);
    },
  };
}
