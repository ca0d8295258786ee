/**
 * The life of a long-running job, shared by the Worker (which writes it) and both apps
 * (which poll it). Pure: every transition is decided here so replayed workflow steps and
 * duplicate queue deliveries cannot move a job backwards.
 */
export const JOB_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobError {
  code: string;
  message: string;
}

export interface JobState {
  status: JobStatus;
  step: string | null;
  percent: number;
  result: unknown;
  error: JobError | null;
  startedAt: number | null;
  finishedAt: number | null;
}

export type JobChange =
  | { type: "start"; step?: string; at: number }
  | { type: "progress"; step: string; percent: number; at: number }
  | { type: "succeed"; result: unknown; at: number }
  | { type: "fail"; error: JobError; at: number }
  /** A restarted workflow or a re-queued message runs the job again from the start. */
  | { type: "requeue"; at: number };

export const isTerminal = (status: JobStatus): boolean =>
  status === "succeeded" || status === "failed";

export function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, Math.round(percent)));
}

/**
 * Applies a change to a job. Returns the new state, or `null` when the change is a no-op
 * (a replay after the job already moved on), so callers can skip the write.
 */
export function applyJobChange(state: JobState, change: JobChange): JobState | null {
  switch (change.type) {
    case "start":
      if (state.status !== "queued") return null;
      return {
        ...state,
        status: "running",
        step: change.step ?? state.step,
        startedAt: change.at,
      };
    case "progress": {
      if (state.status !== "running") return null;
      const percent = Math.max(state.percent, clampPercent(change.percent));
      if (percent === state.percent && change.step === state.step) return null;
      return { ...state, step: change.step, percent };
    }
    case "succeed":
      if (isTerminal(state.status)) return null;
      return {
        ...state,
        status: "succeeded",
        percent: 100,
        result: change.result,
        error: null,
        startedAt: state.startedAt ?? change.at,
        finishedAt: change.at,
      };
    case "fail":
      if (isTerminal(state.status)) return null;
      return { ...state, status: "failed", error: change.error, finishedAt: change.at };
    case "requeue":
      if (state.status === "queued") return null;
      return { ...state, ...initialJobState() };
  }
}

export const initialJobState = (): JobState => ({
  status: "queued",
  step: null,
  percent: 0,
  result: null,
  error: null,
  startedAt: null,
  finishedAt: null,
});
