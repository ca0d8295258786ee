import { describe, expect, it } from "vitest";
import {
  applyJobChange,
  clampPercent,
  initialJobState,
  isTerminal,
  JOB_STATUSES,
  type JobState,
} from "../../core/jobs/status";

const running = (over: Partial<JobState> = {}): JobState => ({
  ...initialJobState(),
  status: "running",
  step: "dump jobs",
  percent: 40,
  startedAt: 1_000,
  ...over,
});
const succeeded = (): JobState => ({
  ...running(),
  status: "succeeded",
  percent: 100,
  result: { ok: true },
  finishedAt: 2_000,
});
const failed = (): JobState => ({
  ...running(),
  status: "failed",
  error: { code: "step_failed", message: "boom" },
  finishedAt: 2_000,
});

describe("initialJobState and isTerminal", () => {
  it("starts queued at 0 % with nothing set, as a fresh object each time", () => {
    expect(initialJobState()).toEqual({
      status: "queued",
      step: null,
      percent: 0,
      result: null,
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    expect(initialJobState()).not.toBe(initialJobState());
  });

  it("treats only succeeded and failed as terminal", () => {
    expect(JOB_STATUSES.filter(isTerminal)).toEqual(["succeeded", "failed"]);
  });
});

describe("clampPercent", () => {
  it.each([
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
    [-5, 0],
    [-0.4, 0],
    [0, 0],
    [49.5, 50],
    [99.4, 99],
    [100, 100],
    [150, 100],
  ])("clampPercent(%s) = %s", (input, expected) => {
    expect(clampPercent(input)).toBe(expected);
  });
});

describe("applyJobChange: start", () => {
  it("moves queued to running, records the start time and keeps the step unless given", () => {
    expect(applyJobChange(initialJobState(), { type: "start", at: 5 })).toMatchObject({
      status: "running",
      step: null,
      startedAt: 5,
    });
    expect(
      applyJobChange(initialJobState(), { type: "start", step: "read schema", at: 5 }),
    ).toMatchObject({ status: "running", step: "read schema" });
  });

  it("is a no-op for a job that already started or finished", () => {
    for (const state of [running(), succeeded(), failed()]) {
      expect(applyJobChange(state, { type: "start", at: 9 })).toBeNull();
    }
  });
});

describe("applyJobChange: progress", () => {
  it("moves the step and percent of a running job", () => {
    const next = applyJobChange(running(), {
      type: "progress",
      step: "dump users",
      percent: 60,
      at: 3,
    });
    expect(next).toMatchObject({ status: "running", step: "dump users", percent: 60 });
  });

  it("never moves the percent backwards, but still records a new step", () => {
    const next = applyJobChange(running(), { type: "progress", step: "retry", percent: 10, at: 3 });
    expect(next).toMatchObject({ step: "retry", percent: 40 });
  });

  it("clamps the percent it is given", () => {
    const over = applyJobChange(running(), { type: "progress", step: "x", percent: 250, at: 3 });
    expect(over?.percent).toBe(100);
    const nan = applyJobChange(running(), {
      type: "progress",
      step: "x",
      percent: Number.NaN,
      at: 3,
    });
    expect(nan?.percent).toBe(40);
  });

  it("is a no-op for a replay (same step, same or lower percent)", () => {
    expect(
      applyJobChange(running(), { type: "progress", step: "dump jobs", percent: 40, at: 3 }),
    ).toBeNull();
    expect(
      applyJobChange(running(), { type: "progress", step: "dump jobs", percent: 20, at: 3 }),
    ).toBeNull();
  });

  it("is a no-op unless the job is running", () => {
    for (const state of [initialJobState(), succeeded(), failed()]) {
      expect(applyJobChange(state, { type: "progress", step: "s", percent: 90, at: 3 })).toBeNull();
    }
  });
});

describe("applyJobChange: succeed and fail", () => {
  it("succeeds a running job at 100 % with its result and finish time", () => {
    expect(applyJobChange(running(), { type: "succeed", result: { n: 1 }, at: 7 })).toEqual({
      status: "succeeded",
      step: "dump jobs",
      percent: 100,
      result: { n: 1 },
      error: null,
      startedAt: 1_000,
      finishedAt: 7,
    });
  });

  it("succeeds a job that never reported a start, using the finish time as start", () => {
    const next = applyJobChange(initialJobState(), { type: "succeed", result: null, at: 7 });
    expect(next).toMatchObject({ status: "succeeded", startedAt: 7, finishedAt: 7 });
  });

  it("fails a queued or running job with its error, keeping its progress", () => {
    const error = { code: "dead_lettered", message: "gave up" };
    expect(applyJobChange(running(), { type: "fail", error, at: 8 })).toMatchObject({
      status: "failed",
      percent: 40,
      error,
      finishedAt: 8,
    });
    expect(applyJobChange(initialJobState(), { type: "fail", error, at: 8 })).toMatchObject({
      status: "failed",
      startedAt: null,
    });
  });

  it("ignores succeed and fail once the job is terminal", () => {
    const error = { code: "x", message: "y" };
    for (const state of [succeeded(), failed()]) {
      expect(applyJobChange(state, { type: "succeed", result: 1, at: 9 })).toBeNull();
      expect(applyJobChange(state, { type: "fail", error, at: 9 })).toBeNull();
    }
  });
});

describe("applyJobChange: requeue", () => {
  it("puts a running, succeeded or failed job back to a clean queued state", () => {
    for (const state of [running(), succeeded(), failed()]) {
      expect(applyJobChange(state, { type: "requeue", at: 9 })).toEqual(initialJobState());
    }
  });

  it("is a no-op for a job that is already queued", () => {
    expect(applyJobChange(initialJobState(), { type: "requeue", at: 9 })).toBeNull();
  });

  it("lets a requeued job start again", () => {
    const requeued = applyJobChange(failed(), { type: "requeue", at: 9 })!;
    expect(applyJobChange(requeued, { type: "start", at: 10 })).toMatchObject({
      status: "running",
      startedAt: 10,
    });
  });
});

it("does not mutate the state it is given", () => {
  const state = running();
  const copy = structuredClone(state);
  applyJobChange(state, { type: "progress", step: "other", percent: 90, at: 3 });
  applyJobChange(state, { type: "succeed", result: 1, at: 3 });
  expect(state).toEqual(copy);
});
