import { expect } from "vitest";
import type { TestAccount } from "./accounts";

/** A signed-in customer's API calls, from the address it registered from. */
export interface CustomerApi {
  get<T>(path: string): Promise<T>;
  /** A POST with a fresh `Idempotency-Key`. */
  post(path: string, body?: unknown): Promise<Response>;
  /** Waits (up to 30 s) for the subscription's state the webhook consumer has applied. */
  waitForState(state: string): Promise<void>;
}

/**
 * Subscribes `account` to Standard through the API and the local checkout page, as a browser
 * would post it, with one of Stripe's test cards (4000 0000 0000 0341 attaches, then every
 * charge fails), and waits until the webhook and the queue have made the subscription: a trial.
 */
export async function subscribeThroughCheckout(
  baseUrl: string,
  account: TestAccount,
  ip: string,
  card = "4242 4242 4242 4242",
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
  const checkout = await api.post("/api/subscription/checkout", { plan: "standard" });
  expect(checkout.status).toBe(201);
  const { checkout_url } = ((await checkout.json()) as { data: { checkout_url: string } }).data;
  const paid = await fetch(new URL(new URL(checkout_url).pathname, baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ card_number: card, expiry: "12/40", cvc: "123", name: "Ada" }),
    redirect: "manual",
  });
  expect(paid.status).toBeLessThan(400);
  await api.waitForState("trialing");
  return api;
}
