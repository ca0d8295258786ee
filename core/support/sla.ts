/**
 * How long a support ticket has waited for an answer (README "Support"): the queue shows each
 * open ticket's age against the first-response target, so the oldest wait is answered first.
 * Pure: shared by the Worker and the admin app.
 */

/** Support answers an open ticket within a day. */
export const SUPPORT_SLA_HOURS = 24;
/** From three quarters of the target, the queue warns that the ticket is nearly late. */
const DUE_SOON_FRACTION = 0.75;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type SlaState = "none" | "ok" | "due_soon" | "overdue";

/**
 * Where an open ticket stands against the target; "none" when support does not owe an answer
 * (pending or solved), since then the clock is the user's.
 */
export function slaState(status: string, waitingMs: number): SlaState {
  if (status !== "open") return "none";
  const target = SUPPORT_SLA_HOURS * HOUR;
  if (waitingMs >= target) return "overdue";
  if (waitingMs >= target * DUE_SOON_FRACTION) return "due_soon";
  return "ok";
}

/** A wait as people say it: "under a minute", "42 min", "3 h 05 min", "2 d 4 h". */
export function formatAge(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < MINUTE) return "under a minute";
  if (safe < HOUR) return `${Math.floor(safe / MINUTE)} min`;
  if (safe < DAY) {
    const minutes = Math.floor((safe % HOUR) / MINUTE);
    return `${Math.floor(safe / HOUR)} h ${String(minutes).padStart(2, "0")} min`;
  }
  return `${Math.floor(safe / DAY)} d ${Math.floor((safe % DAY) / HOUR)} h`;
}
