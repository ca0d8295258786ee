/**
 * Waits between rounds of asking the server: `first` ms, then `factor` times longer each
 * round, never more than `max` ms, so a slow queue or an outage is not hammered.
 */
export interface Backoff {
  first: number;
  factor: number;
  max: number;
}

/** The wait after `round` earlier rounds (0 → `first`). */
export function backoffDelay(backoff: Backoff, round: number): number {
  return Math.min(backoff.max, backoff.first * backoff.factor ** Math.max(0, round));
}

export interface PollUntilOptions {
  backoff: Backoff;
  /** Gives up once the next wait would end after this many ms from the start. */
  timeoutMs?: number;
  /** Gives up after this many rounds. */
  attempts?: number;
  /** Stops waiting at once; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A timer that ends early, rejecting, when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Asks `check` until it answers true (→ true) or the time or rounds run out (→ false),
 * backing off between rounds. For changes the server makes a moment after it answered (a
 * provider's event through the webhook and the queue). A thrown error ends the wait.
 */
export async function pollUntil(
  check: () => Promise<boolean>,
  options: PollUntilOptions,
): Promise<boolean> {
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  const attempts = options.attempts ?? Infinity;
  for (let round = 0; ; round += 1) {
    if (await check()) return true;
    const delay = backoffDelay(options.backoff, round);
    if (round + 1 >= attempts || Date.now() + delay > deadline) return false;
    await sleep(delay, options.signal);
  }
}
