import { expect } from "vitest";

/** A signed-in customer's API calls, from the address it registered from. */
export interface CustomerApi {
  get<T>(path: string): Promise<T>;
  /** A POST with a fresh `Idempotency-Key`. */
  post(path: string, body?: unknown): Promise<Response>;
  /** Waits (up to 30 s) for the subscription's state the webhook consumer has applied. */
  waitForState(state: string): Promise<void>;
}

/** Signs `account` in through the API, from `ip`, and returns its calls. */
export async function signInThroughApi(
  baseUrl: string,
  account: { email: string; password: string },
  ip: string,
): Promise<CustomerApi> {
  const headers = { "Content-Type": "application/json", "CF-Connecting-IP": ip };
  const login = await fetch(new URL("/api/auth/login", baseUrl), {
    method: "POST",
    headers,
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(login.status).toBe(200);
  const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
  const bearer = { ...headers, Authorization: `Bearer ${token}` };
  const api: CustomerApi = {
    get: async <T>(path: string) =>
      ((await (await fetch(new URL(path, baseUrl), { headers: bearer })).json()) as { data: T })
        .data,
    post: (path, body = {}) =>
      fetch(new URL(path, baseUrl), {
        method: "POST",
        headers: { ...bearer, "Idempotency-Key": `e2e-${crypto.randomUUID()}` },
        body: JSON.stringify(body),
      }),
    waitForState: (state) =>
      expect
        .poll(async () => (await api.get<{ state: string }>("/api/subscription")).state, {
          timeout: 30_000,
          interval: 300,
        })
        .toBe(state),
  };
  return api;
}
