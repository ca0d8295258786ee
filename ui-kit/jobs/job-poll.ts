import type { Backoff } from "../poll/poll-until";

/**
 * A running job is read about every second (README "Jobs"); after consecutive transient
 * failures the wait doubles (2 s, 4 s, 8 s … 30 s) so an outage is not hammered.
 */
export const JOB_POLL: Backoff = { first: 1000, factor: 2, max: 30_000 };
