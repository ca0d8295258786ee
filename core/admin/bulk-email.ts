/**
 * Staff emailing many accounts at once (README "Admin: users", bulk email): the states a
 * recipient moves through and how the job reports them. Pure, so the workflow, the email
 * queue's consumer and the apps read one definition.
 */

/**
 * A recipient is `queued` once its message is on the email queue, then settles: `sent`,
 * `failed` (the address was refused, or the message used up its attempts) or `skipped` (the
 * account was deleted by the time it was its turn).
 */
export const BULK_RECIPIENT_STATUSES = ["queued", "sent", "failed", "skipped"] as const;
export type BulkRecipientStatus = (typeof BULK_RECIPIENT_STATUSES)[number];

/** Accounts per page of the selection, and messages per `sendBatch` (the queue's own limit). */
export const BULK_EMAIL_BATCH = 100;

/** The job kind in `jobs.kind`. */
export const BULK_EMAIL_JOB_KIND = "bulk_email";

/** Where a bulk email stands: how many accounts the selection named, and each outcome so far. */
export interface BulkEmailCounts {
  /** Accounts the selection named when it was counted, ids that name no account included. */
  total: number;
  /** Ticked ids that name no account: reported as skipped. */
  notFound: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
}

/** The finished job's result (`GET /api/jobs/{id}` `result`). */
export interface BulkEmailResult {
  sent: number;
  failed: number;
  /** Deleted accounts, and ticked ids that name no account. */
  skipped: number;
}

export const bulkEmailResult = (counts: BulkEmailCounts): BulkEmailResult => ({
  sent: counts.sent,
  failed: counts.failed,
  skipped: counts.skipped + counts.notFound,
});

/** 3200 → "3,200", the same in every runtime (no locale data needed). */
export const groupDigits = (n: number): string =>
  String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * The job's step and percent: "sending 3,200 of 10,000", counting every settled recipient.
 * Never 100 here: only the finished job is (its `succeed` sets it). The total grows if more
 * accounts matched the filter by the time their page was read than when it was counted.
 */
export function bulkEmailProgress(counts: BulkEmailCounts): { step: string; percent: number } {
  const settled = counts.sent + counts.failed + counts.skipped + counts.notFound;
  const total = Math.max(counts.total, settled + counts.queued);
  const percent = total === 0 ? 0 : Math.min(99, Math.floor((settled / total) * 100));
  return { step: `sending ${groupDigits(settled)} of ${groupDigits(total)}`, percent };
}

/**
 * Seconds between checks on the deliveries once every message is queued: soon at first (a
 * small send is done in seconds), then every half minute.
 */
export const deliveryCheckDelaySeconds = (check: number): number =>
  Math.min(30, 2 ** Math.min(5, check + 1));
