import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  SELF,
} from "cloudflare:test";
import { vi } from "vitest";
import { TEST_NOW_HEADER } from "../../api/lib/request-time";
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
      const job = await getJob(env, id, Date.now());
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
  const { token, claims } = await issueAccessToken(
    env,
    { id, email: `${id}@example.test`, role, mfa },
    Date.now(),
  );
  return { headers: { Authorization: `Bearer ${token}` }, token, claims, id };
}

/**
 * Headers that make the Worker serve a request at `now` (epoch ms; api/lib/request-time.ts,
 * honoured in the test environment only). Requests sent with one fixed time all count in the
 * same rate-limit window, so a test that fills a limit never straddles a window's end.
 */
export const servedAt = (now: number) => ({ [TEST_NOW_HEADER]: String(now) });
