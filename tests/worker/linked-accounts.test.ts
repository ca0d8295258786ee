import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { DEVICE_COOKIE } from "../../api/lib/auth-cookies";
import { PASSWORD, postJson } from "./auth-support";
import { call, payOnCheckoutPage } from "./billing-support";
import { api, bearerFor, countRows, uniqueId } from "./helpers";

const DAY = 86_400_000;
const web = { "X-Requested-With": "resume-builder-web" };

let keys = 0;
const key = () => `linked-${Date.now().toString(36)}-${++keys}`;

/** A confirmed account registered from `ip` (returns its id). */
async function account(email: string, ip: string, verified = true) {
  await using _workflows = await introspectWorkflow(env.SIGNUP_WORKFLOW);
  const registered = await api(
    "/api/auth/register",
    postJson({ email, password: PASSWORD, name: "Mary Jackson" }, { "CF-Connecting-IP": ip }),
  );
  expect(registered.status).toBe(202);
  if (verified)
    await env.DB.prepare(
      "UPDATE users SET email_verified_at = created_at, status = 'active' WHERE email = ?",
    )
      .bind(email)
      .run();
  const id = await env.DB.prepare("SELECT id FROM users WHERE email = ?")
    .bind(email)
    .first<string>("id");
  return id as string;
}

/** Signs in as a browser would, with the device cookie when it has one; returns the session. */
async function signIn(email: string, device?: string) {
  const login = await api(
    "/api/auth/login",
    postJson(
      { email, password: PASSWORD },
      { ...web, ...(device ? { Cookie: `${DEVICE_COOKIE}=${device}` } : {}) },
    ),
  );
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  const set = login.response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${DEVICE_COOKIE}=`));
  return {
    headers: { Authorization: `Bearer ${login.body.data.access_token}` },
    device: device ?? (set?.split(";")[0]?.slice(DEVICE_COOKIE.length + 1) as string),
  };
}

/** "Add a card" on the local checkout page, then waits until the card is mirrored. */
async function addCard(person: { headers: Record<string, string> }, userId: string) {
  const started = await call(
    { headers: person.headers } as Parameters<typeof call>[0],
    "/api/payment-methods/setup",
    "POST",
    {},
  );
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await payOnCheckoutPage(started.body.data.checkout_url, "4242 4242 4242 4242");
  await vi.waitFor(
    async () =>
      expect(
        await countRows(
          "SELECT count(*) AS n FROM payment_methods WHERE user_id = ? AND fingerprint IS NOT NULL",
          userId,
        ),
      ).toBe(1),
    { timeout: 15_000, interval: 100 },
  );
}

const linkedTo = async (userId: string, headers?: Record<string, string>) =>
  api(`/api/admin/users/${userId}/linked-accounts`, {
    headers: headers ?? (await bearerFor("support")).headers,
  });

type Linked = { user_id: string; signals: { kind: string; detail: string }[] };
const kindsOf = (list: Linked[], userId: string) =>
  list
    .find((account) => account.user_id === userId)
    ?.signals.map((signal) => signal.kind)
    .sort();

const statusOf = (userId: string) =>
  env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(userId).first<string>("status");

describe("linked accounts", () => {
  it("links by mailbox alias, browser, payment card and sign-up address within a week — and nothing else", async () => {
    const u = uniqueId("jo").replaceAll("-", "");
    const subjectEmail = `j.${u}+cv@gmail.com`;
    const subject = await account(subjectEmail, "198.51.110.1");
    // the same address two days later: linked; eight days earlier: not
    const sameAddress = await account(`${uniqueId("near")}@example.test`, "198.51.110.1");
    await env.DB.prepare("UPDATE users SET created_at = created_at + ? WHERE id = ?")
      .bind(2 * DAY, sameAddress)
      .run();
    const longBefore = await account(`${uniqueId("far")}@example.test`, "198.51.110.1");
    await env.DB.prepare("UPDATE users SET created_at = created_at - ? WHERE id = ?")
      .bind(8 * DAY, longBefore)
      .run();
    // Gmail ignores dots and tags, and googlemail.com is gmail.com; an unverified one never links
    const alias = await account(`j${u}@googlemail.com`, "198.51.110.2");
    const unverified = await account(`j${u}+x@gmail.com`, "198.51.110.3", false);
    // one browser
    const subjectSession = await signIn(subjectEmail);
    const sameBrowserEmail = `${uniqueId("browser")}@example.test`;
    const sameBrowser = await account(sameBrowserEmail, "198.51.110.4");
    await signIn(sameBrowserEmail, subjectSession.device);
    const otherBrowserEmail = `${uniqueId("other")}@example.test`;
    const otherBrowser = await account(otherBrowserEmail, "198.51.110.5");
    await signIn(otherBrowserEmail);
    // one card number (the local provider's fingerprint, like Stripe's, is per card number)
    const sameCardEmail = `${uniqueId("card")}@example.test`;
    const sameCard = await account(sameCardEmail, "198.51.110.6");
    await addCard(subjectSession, subject);
    await addCard(await signIn(sameCardEmail), sameCard);

    const listed = await linkedTo(subject);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const list = listed.body.data as Linked[];
    expect(kindsOf(list, sameAddress)).toEqual(["signup_address"]);
    expect(kindsOf(list, alias)).toEqual(["email_alias"]);
    expect(kindsOf(list, sameBrowser)).toEqual(["device"]);
    expect(kindsOf(list, sameCard)).toEqual(["card"]);
    for (const unlinked of [longBefore, unverified, otherBrowser, subject])
      expect(kindsOf(list, unlinked)).toBeUndefined();
    expect(list.find((a) => a.user_id === alias)?.signals[0]?.detail).toContain(`j${u}@gmail.com`);
    expect(list.find((a) => a.user_id === sameCard)?.signals[0]?.detail).toMatch(/4242/);

    // the link is mutual
    const back = (await linkedTo(sameCard)).body.data as Linked[];
    expect(kindsOf(back, subject)).toEqual(["card"]);
    // other domains: a +tag reaches the same mailbox, dots matter
    const v = uniqueId("ann").replaceAll("-", "");
    const tagged = await account(`${v}+jobs@example.test`, "198.51.110.7");
    const plain = await account(`${v}@example.test`, "198.51.110.8");
    await account(`${v.slice(0, 3)}.${v.slice(3)}@example.test`, "198.51.110.9");
    const plainLinks = (await linkedTo(plain)).body.data as Linked[];
    expect(plainLinks.map((a) => a.user_id)).toEqual([tagged]);

    const user = await bearerFor("user");
    expect((await linkedTo(subject, user.headers)).status).toBe(403);
    expect((await linkedTo("nobody-here")).status).toBe(404);
  });

  it("bans confirmed linked accounts together through their workflows, only with a second factor, refusing accounts that are not linked", async () => {
    const subject = await account(`${uniqueId("ring")}@example.test`, "198.51.111.1");
    const first = await account(`${uniqueId("ring")}@example.test`, "198.51.111.1");
    const second = await account(`${uniqueId("ring")}@example.test`, "198.51.111.1");
    const stranger = await account(`${uniqueId("stranger")}@example.test`, "198.51.111.2");
    const admin = await bearerFor("admin");
    const banTogether = (body: unknown, idempotencyKey: string, headers = admin.headers) =>
      api(`/api/admin/users/${subject}/linked-accounts/ban`, {
        method: "POST",
        headers: {
          ...headers,
          "Content-Type": "application/json",
          "Idempotency-Key": idempotencyKey,
        },
        body: JSON.stringify(body),
      });

    const noMfa = await banTogether(
      { user_ids: [first], reason: "payment_fraud" },
      key(),
      (await bearerFor("admin", undefined, false)).headers,
    );
    expect(noMfa.status).toBe(403);
    const moderator = await banTogether(
      { user_ids: [first], reason: "payment_fraud" },
      key(),
      (await bearerFor("moderator")).headers,
    );
    expect(moderator.status).toBe(403);
    expect((await banTogether({ user_ids: [], reason: "payment_fraud" }, key())).status).toBe(400);

    const refused = await banTogether(
      { user_ids: [first, stranger], reason: "payment_fraud" },
      key(),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("not_linked");
    expect(refused.body.error.details).toEqual({ user_ids: [stranger] });
    expect(
      await countRows(
        "SELECT count(*) AS n FROM escalation_requests WHERE user_id IN (?, ?)",
        first,
        stranger,
      ),
    ).toBe(0);

    const sameKey = key();
    const body = {
      user_ids: [first, second, subject],
      reason: "payment_fraud",
      note: "One card ring",
    };
    const accepted = await banTogether(body, sameKey);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    expect(accepted.body.data).toHaveLength(3);
    expect(accepted.body.data.every((r: { kind: string }) => r.kind === "ban")).toBe(true);
    const replay = await banTogether(body, sameKey);
    expect(replay.body.data.map((r: { id: string }) => r.id)).toEqual(
      accepted.body.data.map((r: { id: string }) => r.id),
    );
    for (const id of [first, second, subject])
      await vi.waitFor(async () => expect(await statusOf(id)).toBe("banned"), {
        timeout: 15_000,
        interval: 100,
      });
    expect(await statusOf(stranger)).toBe("active");
    const sanctions = await env.DB.prepare(
      "SELECT user_id, kind, reason FROM account_sanctions WHERE user_id IN (?, ?, ?)",
    )
      .bind(first, second, subject)
      .all<{ user_id: string; kind: string; reason: string }>();
    expect(sanctions.results).toHaveLength(3);
    expect(sanctions.results.every((s) => s.kind === "ban" && s.reason === "payment_fraud")).toBe(
      true,
    );
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'account.linked_ban_requested' AND resource_id = ?",
        subject,
      ),
    ).toBe(1);
  });
});
