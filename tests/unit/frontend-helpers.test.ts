import { describe, expect, it } from "vitest";
import { isEnvelope } from "../../ui/src/shared/api/envelope";
import { formatBytes, formatDateTime } from "../../ui/src/shared/format";
import {
  MAX_BACKOFF_MS,
  nextPollDelay,
  POLL_INTERVAL_MS,
} from "../../ui/src/shared/jobs/poll-delay";

describe("nextPollDelay", () => {
  it("polls every interval while the server answers", () => {
    expect(nextPollDelay(0)).toBe(POLL_INTERVAL_MS);
    expect(nextPollDelay(-3)).toBe(POLL_INTERVAL_MS);
  });

  it("backs off exponentially after failures, up to the ceiling", () => {
    expect(nextPollDelay(1)).toBe(2 * POLL_INTERVAL_MS);
    expect(nextPollDelay(2)).toBe(4 * POLL_INTERVAL_MS);
    expect(nextPollDelay(3)).toBe(8 * POLL_INTERVAL_MS);
    expect(nextPollDelay(50)).toBe(MAX_BACKOFF_MS);
  });
});

describe("isEnvelope", () => {
  it("accepts success and error envelopes", () => {
    expect(isEnvelope({ success: true, data: null, meta: {} })).toBe(true);
    expect(isEnvelope({ success: false, error: { code: "not_found", message: "x" } })).toBe(true);
  });

  it("rejects anything else", () => {
    for (const value of [
      null,
      undefined,
      "text",
      42,
      {},
      { success: true },
      { success: false },
      { success: false, error: "x" },
      { success: "yes", data: 1 },
    ]) {
      expect(isEnvelope(value)).toBe(false);
    }
  });
});

describe("formatBytes and formatDateTime", () => {
  it("uses powers of 1024 with one decimal above bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toMatch(/^1,?023 B$/);
    expect(formatBytes(1536)).toMatch(/^1[.,]5 KB$/);
    expect(formatBytes(5 * 1024 ** 3)).toBe("5 GB");
    expect(formatBytes(3 * 1024 ** 5)).toMatch(/^3,?072 TB$/);
  });

  it("shows a dash for a missing date and the raw text for an unreadable one", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime("not a date")).toBe("not a date");
    expect(formatDateTime("2026-11-25T14:00:00.000Z")).toMatch(/2026/);
  });
});
