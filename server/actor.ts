/**
 * Who did something and from where, as the API saw the request: what services record (the
 * audit log, sessions) without reading the request themselves. `at` is when the request was
 * taken, so a service's clock is the caller's (tests set it).
 */
export interface Actor {
  /** `operator`, `user:{id}`, or `anonymous`. */
  id: string;
  role: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  at: number;
}
