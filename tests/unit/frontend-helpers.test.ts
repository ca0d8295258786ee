import { describe, expect, it } from "vitest";
import { isEnvelope } from "../../ui-kit/api/envelope";
import { formatBytes, formatDateTime } from "../../ui-kit/format";
import { JOB_POLL } from "../../ui-kit/jobs/job-poll";
import { backoffDelay, pollUntil } from "../../ui-kit/poll/poll-until";

describe("backoffDelay", () => {
  it("polls a job every second while the server answers", () => {
    expect(backoffDelay(JOB_POLL, 0)).toBe(1000);
    expect(backoffDelay(JOB_POLL, -3)).toBe(1000);
  });

  it("backs off exponentially after failures, up to the ceiling", () => {
    expect(backoffDelay(JOB_POLL, 1)).toBe(2000);
    expect(backoffDelay(JOB_POLL, 2)).toBe(4000);
    expect(backoffDelay(JOB_POLL, 3)).toBe(8000);
    expect(backoffDelay(JOB_POLL, 50)).toBe(30_000);
  });
});

describe("pollUntil", () => {
  const quick = { first: 1, factor: 2, max: 4 };

  it("answers true as soon as the check holds", async () => {
    let calls = 0;
    const done = await pollUntil(async () => ++calls === 3, { backoff: quick, attempts: 10 });
    expect(done).toBe(true);
    expect(calls).toBe(3);
  });

  it("gives up after the rounds it was given", async () => {
    let calls = 0;
    const never = async () => {
      calls += 1;
      return false;
    };
    const done = await pollUntil(never, { backoff: quick, attempts: 4 });
    expect(done).toBe(false);
    expect(calls).toBe(4);
  });

  it("gives up when the next wait would pass the timeout", async () => {
    let calls = 0;
    const never = async () => {
      calls += 1;
      return false;
    };
    const slow = { first: 1000, factor: 1, max: 1000 };
    const done = await pollUntil(never, { backoff: slow, timeoutMs: 500 });
    expect(done).toBe(false);
    expect(calls).toBe(1);
  });

  it("stops waiting when aborted", async () => {
    const controller = new AbortController();
    const slow = { first: 60_000, factor: 1, max: 60_000 };
    const waiting = pollUntil(async () => false, { backoff: slow, signal: controller.signal });
    controller.abort(new Error("left the page"));
    await expect(waiting).rejects.toThrow("left the page");
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
