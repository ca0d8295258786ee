import { closeSync, openSync, readSync, statSync } from "node:fs";

/** What workerd prints when the runtime itself dies (a V8 fatal error, a signal). */
export const RUNTIME_CRASH = /V8 fatal error[^\n]*|\*\*\* Received signal #\d+[^\n]*/;

/**
 * The error a test gets when workerd crashed while it ran (runtime-crash.ts): the suite's
 * retry condition (vitest.config.ts) accepts this message and nothing else.
 */
export const CRASH_MESSAGE = "workerd crashed during this test";

/**
 * The file `wrangler dev`'s whole output goes to (global-setup.ts): a failed test quotes what
 * the server logged while it ran, and the runtime-crash guard looks in it for a crash.
 */
export function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** What was appended to `file` after `offset`, or "(nothing)". */
export function logSince(file: string, offset: number): string {
  const length = sizeOf(file) - offset;
  if (length <= 0) return "(nothing)";
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buffer, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString("utf8").trimEnd();
}
