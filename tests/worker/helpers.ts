import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  SELF,
} from "cloudflare:test";
import { vi } from "vitest";
import type { Role } from "../../core/auth/permissions";
import type { JobStatus } from "../../core/jobs/status";
import { issueAccessToken } from "../../server/auth/tokens";
import { getJob } from "../../server/ops/jobs";
import worker from "../../worker";
import { TEST_OPS_TOKEN } from "../fixtures/ops-token";

export const opsHeaders = { Authorization: `Bearer ${TEST_OPS_TOKEN}` };

export async function api(path: string, init: RequestInit = {}) {
  const response = await SELF.fetch(`http://localhost${path}`, init);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read envelopes loosely
  return { response, status: response.status, body: body as any };
}

let sequence = 0;
/** Storage is shared by the tests of one file: every test names its rows itself. */
export const uniqueId = (label: string) => `${label}-${Date.now().toString(36)}-${++sequence}`;

export interface Delivery {
  id: string;
  body: unknown;
  attempts?: number;
}

export interface Delivered {
  explicitAcks: string[];
  retryMessages: { msgId: string }[];
  /** The delay each retried message asked for, by message id. */
  delays: Map<string, number | undefined>;
}

/** Hands one batch to the Worker's queue handler and reports what it acked and retried. */
export async function deliver(queue: string, messages: Delivery[]): Promise<Delivered> {
  const batch = createMessageBatch(
    queue,
    messages.map((message) => ({
      id: message.id,
      timestamp: new Date(),
      attempts: message.attempts ?? 1,
      body: message.body,
    })),
  );
  // The pool reports which messages were retried but not the delay asked for; record it.
  const delays = new Map<string, number | undefined>();
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    vi.spyOn(message, "retry").mockImplementation((options) => {
      delays.set(message.id, options?.delaySeconds);
      retry(options);
    });
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const { explicitAcks, retryMessages } = await getQueueResult(batch, ctx);
  return { explicitAcks, retryMessages, delays };
}

/** Waits until the job reaches `status`, reading D1 (never a possibly stale mirror). */
export async function waitForJob(id: string, status: JobStatus, timeout = 15_000) {
  await vi.waitFor(
    async () => {
      await env.JOBS.delete(`job:${id}`);
      const job = await getJob(env, id);
      if (job?.status !== status) throw new Error(`job ${id} is ${job?.status}, not ${status}`);
    },
    { timeout, interval: 100 },
  );
}

export async function countRows(sql: string, ...params: unknown[]): Promise<number> {
  const n = await env.DB.prepare(sql)
    .bind(...params)
    .first<number>("n");
  return n ?? 0;
}

/** A signed access token for a person with `role`, as an MFA sign-in issues it by default. */
export async function bearerFor(role: Role, id = uniqueId("user"), mfa = true) {
  const { token, claims } = await issueAccessToken(env, {
    id,
    email: `${id}@example.test`,
    role,
    mfa,
  });
  return { headers: { Authorization: `Bearer ${token}` }, token, claims, id };
}

/**
 * Request limits count in fixed windows aligned to the clock (`rateLimit` in
 * server/ops/rate-limits.ts), so a test that fills one must not straddle a boundary:
 * the count would start again halfway and the last request would pass. When less than
 * `needMs` of the current window is left, this waits for the next one to begin.
 */
export async function awayFromWindowEdge(windowSeconds: number, needMs = 5_000) {
  const windowMs = windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
