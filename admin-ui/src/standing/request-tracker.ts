import { createSignal } from "solid-js";
import { describeError } from "~kit/forms/describe-error";
import { createPoll } from "~kit/poll/create-poll";
import { backoffDelay } from "~kit/poll/poll-until";
import { adminApi } from "../api/admin-api";
import { type AccountStanding, getAccountStanding } from "../api/standing";
import type { SentAction } from "./StandingActionDialog";
import { requestProgress } from "./standing-view";

/** Between reads of the standing while a request waits: the workflow acts within seconds. */
const WAIT_BACKOFF = { first: 500, factor: 1.5, max: 5_000 };
/** After this long, stop asking and say the request is still waiting (the cron retries it). */
const WAIT_LIMIT_MS = 120_000;

export type RequestOutcome =
  | { state: "waiting"; label: string }
  | { state: "done"; label: string; result: string | null }
  | { state: "slow"; label: string }
  | { state: "failed"; label: string; message: string };

interface Tracked extends SentAction {
  userId: string;
  since: number;
}

/**
 * Follows an escalation request (a strike, suspend, ban or lift handed to an account's ban
 * escalation workflow) by reading the account's standing until the workflow processed it,
 * backing off, and giving up after two minutes with words saying it is still waiting. Used
 * by the standing page and the bans page.
 */
export function createRequestTracker(options: {
  /** Each standing read while waiting (the standing page shows it at once). */
  onRead?: (standing: AccountStanding) => void;
  /** Once the request was processed. */
  onDone?: () => void;
}) {
  const [tracked, setTracked] = createSignal<Tracked | null>(null);
  const [outcome, setOutcome] = createSignal<RequestOutcome | null>(null);
  let round = 0;

  createPoll({
    while: tracked,
    startAfter: 0,
    async round(signal) {
      const waiting = tracked();
      if (!waiting) return null;
      try {
        const read = await getAccountStanding(adminApi, waiting.userId, signal);
        if (signal.aborted) return null;
        options.onRead?.(read);
        const progress = requestProgress(read, waiting.requestId);
        if (progress.state === "processed") {
          setOutcome({ state: "done", label: waiting.label, result: progress.result });
          setTracked(null);
          options.onDone?.();
          return null;
        }
      } catch (cause) {
        if (signal.aborted) return null;
        setOutcome({ state: "failed", label: waiting.label, message: describeError(cause) });
        setTracked(null);
        return null;
      }
      const delay = backoffDelay(WAIT_BACKOFF, round++);
      if (Date.now() + delay - waiting.since > WAIT_LIMIT_MS) {
        setOutcome({ state: "slow", label: waiting.label });
        setTracked(null);
        return null;
      }
      return delay;
    },
  });

  return {
    outcome,
    /** Starts following a request just sent for this account. */
    track(userId: string, sent: SentAction) {
      round = 0;
      setOutcome({ state: "waiting", label: sent.label });
      setTracked({ ...sent, userId, since: Date.now() });
    },
    /** Says something is done without following it (the standing cannot be read). */
    settle(label: string, result: string | null) {
      setTracked(null);
      setOutcome({ state: "done", label, result });
    },
  };
}
