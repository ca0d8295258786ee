import { type Accessor, createEffect, on, onCleanup } from "solid-js";

export interface PollOptions {
  /**
   * Polls only while this is truthy, and starts over when its value changes (a job id, a
   * "still running" flag). Default: for as long as the owner lives.
   */
  while?: Accessor<unknown>;
  /** Wait before the first round, in ms; 0 runs it at once. */
  startAfter: number;
  /**
   * One round. Resolves to the wait before the next one in ms, or null to stop. Its errors
   * are its own to show (a resource's `error`, a signal): one that escapes stops the polling.
   */
  round: (signal: AbortSignal) => Promise<number | null> | number | null;
}

/**
 * The one polling loop of both apps: rounds one after another (never overlapping), each
 * waiting for the one before, stopped when the owning component or effect is disposed.
 * The signal handed to a round aborts then too, so a late answer is not applied.
 */
export function createPoll(options: PollOptions): void {
  createEffect(
    on(options.while ?? (() => true), (active) => {
      if (!active) return;
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const schedule = (delay: number) => {
        timer = setTimeout(() => void run(), delay);
      };
      async function run() {
        let next: number | null = null;
        try {
          next = await options.round(controller.signal);
        } catch (error) {
          if (!controller.signal.aborted) console.error("polling stopped:", error);
        }
        if (next !== null && !controller.signal.aborted) schedule(next);
      }
      if (options.startAfter > 0) schedule(options.startAfter);
      else void run();
      onCleanup(() => {
        controller.abort();
        clearTimeout(timer);
      });
    }),
  );
}
