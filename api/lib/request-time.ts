// The time a request is served at, read once per request so every service it reaches agrees on
// "now" (docs/architecture.md, "Services never see HTTP"). The workerd suite may set it with a
// header instead of sleeping until a rate-limit window or an expiry comes round; every other
// environment — `local` included, since anyone can reach a dev server — ignores the header.
import type { Context } from "hono";
import { z } from "zod";
import type { Env } from "../../server/env";
import { AppError } from "../../server/errors";
import type { AppEnv } from "../app-env";

export const TEST_NOW_HEADER = "x-test-now";

/** Epoch milliseconds between 1970 and the year 275760, the range a Date can hold. */
const testNow = z.coerce.number().int().min(0).max(8.64e15);

/** Whether requests may set their own time: only the workerd test suite's environment. */
export const requestTimeSettable = (env: Pick<Env, "ENVIRONMENT">) => env.ENVIRONMENT === "test";

/** The request's time: the test header where honoured, else the Worker's clock. */
export function requestTime(c: Context<AppEnv>): number {
  const header = c.req.header(TEST_NOW_HEADER);
  if (header === undefined || !requestTimeSettable(c.env)) return Date.now();
  const parsed = testNow.safeParse(header);
  if (!parsed.success) {
    throw new AppError(
      400,
      "validation_failed",
      `${TEST_NOW_HEADER} must be epoch milliseconds`,
      parsed.error.issues.map((issue) => ({ ...issue, location: "header" })),
    );
  }
  return parsed.data;
}
