import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { once } from "../../server/billing/local-store";
import type { Env } from "../../server/env";
import type { AppError } from "../../server/errors";
import { call, customerIdOf, newPerson } from "./billing-support";
import { countRows } from "./helpers";

/** Money-moving calls are idempotent by `Idempotency-Key`, under retries and under races. */

const addVisa = (person: Awaited<ReturnType<typeof newPerson>>, key: string, body?: object) =>
  call(person, "/api/payment-methods", "POST", body ?? { payment_method_id: "pm_card_visa" }, key);

async function cardsOnFile(userId: string) {
  const customerId = await customerIdOf(userId);
  return countRows(
    "SELECT count(*) AS n FROM local_billing_objects WHERE customer_id = ? AND type = 'payment_method'",
    customerId,
  );
}

describe("Idempotency-Key on a money-moving call", () => {
  it("replays the first answer for a repeat and refuses the key for another request", async () => {
    const person = await newPerson();
    const first = await addVisa(person, "repeat-key-0001");
    expect(first.status).toBe(201);
    const repeat = await addVisa(person, "repeat-key-0001");
    expect(repeat.status).toBe(201);
    expect(repeat.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(repeat.body.data.id).toBe(first.body.data.id);
    const other = await addVisa(person, "repeat-key-0001", {
      payment_method_id: "pm_card_mastercard",
    });
    expect(other.status).toBe(409);
    expect(await cardsOnFile(person.userId)).toBe(1);
  });

  it("runs a local provider call once when the same key arrives concurrently", async () => {
    // Straight at the provider's store: HTTP requests in the test pool reach it one after
    // another, so only a direct call shows that two in-flight calls cannot both run.
    let runs = 0;
    const call = () =>
      once(env as unknown as Env, "racing-key-0001", async () => {
        runs += 1;
        await env.DB.prepare("SELECT 1").first();
        return "cus_once";
      });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, call));
    expect(runs).toBe(1);
    const refused = outcomes.filter((o) => o.status === "rejected");
    for (const o of refused) expect((o.reason as AppError).status).toBe(409);
    expect(await call()).toBe("cus_once");
    expect(runs).toBe(1);
  });

  it("gives the key back when the call fails, so a retry runs", async () => {
    let runs = 0;
    const failing = () =>
      once(env as unknown as Env, "failing-key-0001", async () => {
        runs += 1;
        if (runs === 1) throw new Error("provider down");
        return runs;
      });
    await expect(failing()).rejects.toThrow("provider down");
    expect(await failing()).toBe(2);
  });
});
