import { env, introspectWorkflow } from "cloudflare:test";
import { Secret, TOTP } from "otpauth";
import { expect, vi } from "vitest";
import { api, uniqueId } from "./helpers";

export const PASSWORD = "a long and unusual passphrase";
let ipCounter = 0;
/** Each caller gets its own address so per-address limits never couple tests. */
export const freshIp = () => `203.0.113.${(++ipCounter % 250) + 1}`;

export const postJson = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", "CF-Connecting-IP": freshIp(), ...headers },
  body: JSON.stringify(body),
});

/** A registered, signed-in person (its signup workflow runs under an introspector). */
export async function signedInPerson() {
  await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
  const email = `${uniqueId("person")}@example.test`;
  await api(
    "/api/auth/register",
    postJson({ email, password: PASSWORD, name: "Katherine Johnson" }),
  );
  const login = await api("/api/auth/login", postJson({ email, password: PASSWORD }));
  return {
    email,
    userId: login.body.data.user.id as string,
    tokens: login.body.data as { access_token: string; refresh_token: string },
    headers: { Authorization: `Bearer ${login.body.data.access_token}` },
  };
}

/** An app code for `steps` 30-second steps from now (the server accepts one step of drift). */
export const codeAt = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

/** A signed-in person with TOTP on (the first code is the step before now). */
export async function personWithTotp() {
  const person = await signedInPerson();
  const setup = await api("/api/auth/mfa/totp/setup", { method: "POST", headers: person.headers });
  expect(setup.status).toBe(200);
  const secret = setup.body.data.secret as string;
  const confirmed = await api(
    "/api/auth/mfa/totp/confirm",
    postJson({ code: codeAt(secret, -1) }, person.headers),
  );
  expect(confirmed.status).toBe(200);
  return {
    ...person,
    secret,
    otpauthUrl: setup.body.data.otpauth_url as string,
    recoveryCodes: confirmed.body.data.recovery_codes as string[],
  };
}

/**
 * The account an address registered: registration answers the same for new and taken
 * addresses and names no account, so tests read the id from D1.
 */
export async function userIdOf(email: string): Promise<string> {
  const id = await env.DB.prepare("SELECT id FROM users WHERE email = ?")
    .bind(email.toLowerCase())
    .first<string>("id");
  if (!id) throw new Error(`no account for ${email}`);
  return id;
}

/** The cookies a web sign-in set, by name, and the `Cookie` header that sends them all. */
export function cookieJar(response: Response) {
  const jar = Object.fromEntries(
    response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0]!.split("=") as [string, string]),
  );
  const header = Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
  return { jar, header };
}

export async function mailTo(to: string, template: string, count = 1) {
  return vi.waitFor(
    async () => {
      const { results } = await env.DB.prepare(
        "SELECT text_body FROM email_outbox WHERE to_address = ? AND template = ? ORDER BY created_at",
      )
        .bind(to, template)
        .all<{ text_body: string }>();
      if (results.length < count) throw new Error(`waiting for ${template} to ${to}`);
      return results;
    },
    { timeout: 10_000, interval: 100 },
  );
}

export const linkToken = (text: string, path: string) =>
  new URL(text.match(new RegExp(`https?://\\S+${path}\\?token=\\S+`))![0]).searchParams.get(
    "token",
  )!;
