import { SELF } from "cloudflare:test";
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
