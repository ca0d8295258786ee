import { expect } from "vitest";
import type { TestAccount } from "./accounts";
import { type CustomerApi, signInThroughApi } from "./customer-api";

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
  const api = await signInThroughApi(baseUrl, account, ip);
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
