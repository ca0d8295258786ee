/**
 * Exponential backoff with full jitter for queue retries: attempt 1 waits about `baseSeconds`,
 * each further attempt doubles the ceiling, never beyond `maxSeconds`. `random` is injected
 * so tests are deterministic.
 */
export function backoffDelaySeconds(
  attempt: number,
  { baseSeconds = 5, maxSeconds = 900, random = Math.random } = {},
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** exponent);
  // Half fixed, half jittered: retries spread out without ever collapsing to zero.
  return Math.max(1, Math.round(ceiling / 2 + random() * (ceiling / 2)));
}
