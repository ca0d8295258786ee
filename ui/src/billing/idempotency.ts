import { ApiError } from "~kit/api/envelope";

/**
 * Idempotency keys for money-moving requests. One key per intended action (e.g. "cancel",
 * "pay in_123"): when the answer was lost (offline, a 5xx) pressing the button again sends
 * the same key, so the server replays its first answer instead of charging twice. Any
 * definite answer — success or a refusal — ends that key; the next attempt gets a new one.
 */
const pending = new Map<string, string>();

const newKey = () => `web-${crypto.randomUUID()}`;

/** Whether the request may have reached the server without its answer reaching us. */
const answerLost = (error: unknown) =>
  !(error instanceof ApiError) || error.status === 0 || error.status >= 500;

export async function withIdempotencyKey<T>(
  action: string,
  send: (key: string) => Promise<T>,
): Promise<T> {
  let key = pending.get(action);
  if (!key) {
    key = newKey();
    pending.set(action, key);
  }
  try {
    const result = await send(key);
    pending.delete(action);
    return result;
  } catch (error) {
    if (!answerLost(error)) pending.delete(action);
    throw error;
  }
}
