import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { relyingPartyFor } from "../../server/auth/passkeys";
import worker from "../../worker";
import { signedInPerson } from "./auth-support";
import { api } from "./helpers";

/** The request as a deployed Worker would serve it: the same bindings, a deployed ENVIRONMENT. */
async function deployed(
  environment: "production" | "staging",
  path: string,
  init: RequestInit = {},
) {
  const response = await worker.fetch(
    new Request(`http://localhost${path}`, init) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ENVIRONMENT: environment },
    createExecutionContext(),
  );
  return { status: response.status, text: await response.text() };
}

describe("dev tools in a deployed environment", () => {
  it("exist in the test environment (the control)", async () => {
    const person = await signedInPerson();
    expect((await api("/api/dev/outbox", { headers: person.headers })).status).toBe(200);
    const subscription = await api("/api/subscription", { headers: person.headers });
    expect(subscription.status).toBe(200);
    expect(subscription.body.data.mode).toBe("local");
  });

  it("are refused in production and staging: outbox, local checkout, local billing, test clock", async () => {
    const person = await signedInPerson();
    const checkout = await api("/api/subscription/checkout", {
      method: "POST",
      headers: {
        ...person.headers,
        "Content-Type": "application/json",
        "Idempotency-Key": `dev-tools-${Date.now().toString(36)}`,
      },
      body: JSON.stringify({ plan: "standard" }),
    });
    // A real local checkout session, so only the environment decides whether its page opens.
    const session = new URL(checkout.body.data.checkout_url as string).pathname;
    expect(session).toMatch(/^\/local-checkout\//);

    for (const environment of ["production", "staging"] as const) {
      const where = (path: string) => `${environment} ${path}`;
      for (const path of [
        "/dev/outbox",
        "/dev/outbox?to=a@example.test",
        "/api/dev/outbox",
        session,
      ]) {
        const answer = await deployed(environment, path, { headers: person.headers });
        expect(answer.status, where(path)).toBe(404);
      }
      const posted = await deployed(environment, session, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "card_number=4242424242424242&expiry=12%2F40&cvc=123&name=A",
      });
      expect(posted.status, where(`POST ${session}`)).toBe(404);
      const advance = await deployed(environment, "/api/billing/local/advance", {
        method: "POST",
        headers: { ...person.headers, "Idempotency-Key": `advance-${environment}` },
      });
      expect(advance.status, where("advance")).toBe(404);
      // Without Stripe keys billing is unavailable, never the local provider.
      const subscription = await deployed(environment, "/api/subscription", {
        headers: person.headers,
      });
      expect(subscription.status, where("/api/subscription")).toBe(503);
      expect(JSON.parse(subscription.text).error.code).toBe("unavailable");
    }
  });

  it("offer no localhost passkey relying party outside local and test", () => {
    const issuer = "http://127.0.0.1:8787";
    expect(
      relyingPartyFor({ JWT_ISSUER: issuer, ENVIRONMENT: "test" }, "http://localhost:8787").id,
    ).toBe("localhost");
    for (const environment of ["production", "staging"] as const) {
      expect(
        relyingPartyFor({ JWT_ISSUER: issuer, ENVIRONMENT: environment }, "http://localhost:8787"),
      ).toEqual({ id: "127.0.0.1", origin: issuer });
    }
  });
});
