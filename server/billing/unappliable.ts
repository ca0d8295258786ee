/**
 * An event that cannot be applied as it stands, however often it is retried: its shape or
 * version is not one this code reads. The consumer does not retry it: the event is marked
 * `failed` with the reason at once, operators are alerted, and it waits for an operator to
 * retry it (after a fix is deployed) or skip it, in the admin app.
 */
export class UnappliableEvent extends Error {
  constructor(
    /** Machine-readable: `api_version_mismatch`, `unreadable_payload`, … */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "UnappliableEvent";
  }
}
