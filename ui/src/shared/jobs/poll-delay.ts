/** How often a job is polled while it runs (the frontends poll about every second; README "Jobs"). */
export const POLL_INTERVAL_MS = 1000;
/** Ceiling of the back-off while the server cannot be reached. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Delay before the next poll: the normal interval, or after consecutive transient
 * failures an exponential back-off (2 s, 4 s, 8 s … capped) so an outage is not hammered.
 */
export function nextPollDelay(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return POLL_INTERVAL_MS;
  return Math.min(MAX_BACKOFF_MS, POLL_INTERVAL_MS * 2 ** consecutiveFailures);
}
