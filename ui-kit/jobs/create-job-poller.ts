import { type Accessor, createEffect, createSignal, on } from "solid-js";
import type { Job } from "../../core/contract/jobs";
import { isTerminal } from "../../core/jobs/status";
import { ApiError } from "../api/envelope";
import { describeError } from "../forms/describe-error";
import { createPoll } from "../poll/create-poll";
import { backoffDelay } from "../poll/poll-until";
import { JOB_POLL } from "./job-poll";

export type FetchJob = (id: string, signal: AbortSignal) => Promise<Job>;

export interface JobPoller {
  job: Accessor<Job | undefined>;
  /** The last failure; cleared by the next successful poll. */
  error: Accessor<ApiError | undefined>;
  /** When the next attempt after a transient failure happens (ms since epoch). */
  retryAt: Accessor<number | undefined>;
  /** False once the job is terminal or polling stopped on a permanent error. */
  polling: Accessor<boolean>;
}

const asApiError = (cause: unknown): ApiError =>
  cause instanceof ApiError ? cause : new ApiError(0, "client_error", describeError(cause));

/**
 * Polls a job until it succeeds or fails. Transient failures (network, 429, 5xx) back off
 * and retry; permanent ones (401, 403, 404, …) stop polling and surface the error.
 * Restarts when the id changes and stops when the owner is disposed.
 */
export function createJobPoller(jobId: Accessor<string>, fetchJob: FetchJob): JobPoller {
  const [job, setJob] = createSignal<Job>();
  const [error, setError] = createSignal<ApiError>();
  const [retryAt, setRetryAt] = createSignal<number>();
  const [polling, setPolling] = createSignal(true);
  let failures = 0;

  // a new id starts from nothing (this effect runs before the poll's own)
  createEffect(
    on(jobId, () => {
      failures = 0;
      setJob(undefined);
      setError(undefined);
      setPolling(true);
    }),
  );
  createPoll({
    while: jobId,
    startAfter: 0,
    round: async (signal) => {
      try {
        const current = await fetchJob(jobId(), signal);
        failures = 0;
        setJob(current);
        setError(undefined);
        setRetryAt(undefined);
        if (!isTerminal(current.status)) return backoffDelay(JOB_POLL, 0);
        setPolling(false);
        return null;
      } catch (cause) {
        if (signal.aborted) return null;
        const failure = asApiError(cause);
        setError(failure);
        if (!failure.transient) {
          setPolling(false);
          return null;
        }
        failures += 1;
        const delay = backoffDelay(JOB_POLL, failures);
        setRetryAt(Date.now() + delay);
        return delay;
      }
    },
  });

  return { job, error, retryAt, polling };
}
