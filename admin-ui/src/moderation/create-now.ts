import { type Accessor, createSignal, onCleanup } from "solid-js";

/**
 * The current time, refreshed every minute: the queue's "time left" moves on while the page
 * stays open. Stops with the owner that created it.
 */
export function createNow(everyMs = 60_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
