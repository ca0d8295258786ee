import { Secret, TOTP } from "otpauth";

const PERIOD_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The authenticator app of a test: codes for an enrolled secret. The server accepts the
 * current 30-second step and one either side, but never a step at or before the last one it
 * accepted, so each code is for a step after the previous one: the next step at once when
 * the window allows, else after waiting for the clock.
 */
export class Authenticator {
  private readonly totp: TOTP;
  private lastStep = Number.NEGATIVE_INFINITY;

  constructor(secret: string) {
    this.totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  }

  async code(): Promise<string> {
    for (;;) {
      const now = Math.floor(Date.now() / PERIOD_MS);
      const step = Math.max(now, this.lastStep + 1);
      if (step <= now + 1) {
        this.lastStep = step;
        return this.totp.generate({ timestamp: step * PERIOD_MS });
      }
      // until the current step is the last one used, when the next one is within the window
      await sleep(this.lastStep * PERIOD_MS - Date.now() + 200);
    }
  }
}
