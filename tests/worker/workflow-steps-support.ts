import { env } from "cloudflare:test";
import { expect } from "vitest";
import { userIdOf } from "./auth-support";
import { api, opsHeaders, uniqueId } from "./helpers";

/** Shared by the workflow step history suites (workflow-steps, workflow-runs-search). */

export interface StepRow {
  step: string;
  kind: string;
  attempt: number;
  status: string;
  started_at: number;
  ended_at: number | null;
  error: string | null;
}

/** A run's mirrored steps, oldest first. */
export const stepRows = async (instanceId: string) =>
  (
    await env.DB.prepare(
      `SELECT step, kind, attempt, status, started_at, ended_at, error FROM workflow_run_steps
       WHERE instance_id = ? ORDER BY started_at, attempt`,
    )
      .bind(instanceId)
      .all<StepRow>()
  ).results;

const PASSWORD = "a long and unusual passphrase";
let ipCounter = 0;

/** Registers a person, which starts their SignupWorkflow run (subject `user:{id}`). */
export async function register(label: string) {
  const email = `${uniqueId(label)}@example.test`;
  const { status } = await api("/api/auth/register", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      // a distinct address per call and per file, so sign-up throttling never answers
      "CF-Connecting-IP": `198.51.100.${(++ipCounter % 250) + 1}`,
    },
    body: JSON.stringify({ email, password: PASSWORD, name: "Ada Lovelace", plan: "free" }),
  });
  expect(status).toBe(202);
  return { email, userId: await userIdOf(email) };
}

/** A GET as the operator. */
export const admin = (path: string) => api(path, { headers: opsHeaders });
