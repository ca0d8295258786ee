import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import { isTerminal } from "~core/jobs/status";
import { ApiError } from "../api/envelope";
import type { Job } from "../api/jobs";
import { nextPollDelay } from "./poll-delay";

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
  cause instanceof ApiError
    ? cause
    : new ApiError(0, "client_error", cause instanceof Error ? cause.message : String(cause));

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

  createEffect(
    on(jobId, (id) => {
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let failures = 0;
      setJob(undefined);
      setError(undefined);
      setPolling(true);

      const schedule = (delay: number) => {
        timer = setTimeout(poll, delay);
      };

      async function poll() {
        try {
          const current = await fetchJob(id, controller.signal);
          failures = 0;
          setJob(current);
          setError(undefined);
          setRetryAt(undefined);
          if (isTerminal(current.status)) setPolling(false);
          else schedule(nextPollDelay(0));
        } catch (cause) {
          if (controller.signal.aborted) return;
          const failure = asApiError(cause);
          setError(failure);
          if (!failure.transient) {
            setPolling(false);
            return;
          }
          failures += 1;
          const delay = nextPollDelay(failures);
          setRetryAt(Date.now() + delay);
          schedule(delay);
        }
      }

      void poll();
      onCleanup(() => {
        controller.abort();
        clearTimeout(timer);
      });
    }),
  );

  return { job, error, retryAt, polling };
}
