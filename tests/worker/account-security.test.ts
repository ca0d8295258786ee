import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE } from "../../api/lib/auth-cookies";
import {
  codeAt,
  linkToken,
  mailTo,
  PASSWORD,
  personWithTotp,
  postJson,
  signedInPerson,
} from "./auth-support";
import {
  customerIdOf,
  postWebhook,
  signedEvent,
  subscribe,
  waitForEventStatus,
  waitForSubscription,
} from "./billing-support";
import { api } from "./helpers";

const json = (method: string, body: unknown, headers: Record<string, string>) => ({
  method,
  headers: { ...headers, "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

const outboxCount = async (to: string, template: string) =>
  (await env.DB.prepare(
    "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND template = ?",
  )
    .bind(to, template)
    .first<number>("n")) ?? 0;

describe("profile", () => {
  it("edits the name and the onboarding fields, and a new resume starts from them", async () => {
    const person = await signedInPerson();
    const saved = await api(
      "/api/profile",
      json(
        "PATCH",
        {
          name: "  Grace Hopper ",
          headline: "Rear admiral",
          location: "Arlington, VA",
          website: "https://grace.example",
        },
        person.headers,
      ),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.data.user.name).toBe("Grace Hopper");
    const created = await api("/api/resumes", json("POST", { title: "Navy" }, person.headers));
    expect(created.status).toBe(201);
    expect(created.body.data.data.basics).toMatchObject({
      name: "Grace Hopper",
      email: person.email,
      label: "Rear admiral",
      location: { city: "Arlington, VA" },
      url: "https://grace.example",
    });
    // a resume created with its own content keeps it
    const imported = await api(
      "/api/resumes",
      json("POST", { title: "Given", data: { basics: { name: "Someone else" } } }, person.headers),
    );
    expect(imported.body.data.data.basics.label).toBeUndefined();
    for (const body of [{ name: "" }, { name: "x".repeat(101) }, { email: "a@b.test" }]) {
      const refused = await api("/api/profile", json("PATCH", body, person.headers));
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("changes the sign-in address only once the new address confirms it; the old one is told", async () => {
    const person = await signedInPerson();
    const next = `moved-${person.email}`;
    const wrong = await api(
      "/api/profile/email",
      json("POST", { email: next, password: "not it at all" }, person.headers),
    );
    expect(wrong.status).toBe(401);
    const asked = await api(
      "/api/profile/email",
      json("POST", { email: next, password: PASSWORD }, person.headers),
    );
    expect(asked.status).toBe(202);
    expect(asked.body.data).toEqual({ status: "confirmation_sent", email: next });
    // not changed yet: the old address still signs in
    const me = await api("/api/auth/me", { headers: person.headers });
    expect(me.body.data.user.email).toBe(person.email);
    const [mail] = await mailTo(next, "confirm_new_email");
    const token = linkToken(mail!.text_body, "/confirm-email");

    const confirmed = await api("/api/profile/email/confirm", postJson({ token }));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.user).toMatchObject({ email: next, email_verified: true });
    const [notice] = await mailTo(person.email, "security_alert");
    expect(notice!.text_body).toContain("m***@example.test");
    expect((await api("/api/profile/email/confirm", postJson({ token }))).status).toBe(400);
    const login = await api("/api/auth/login", postJson({ email: next, password: PASSWORD }));
    expect(login.status).toBe(200);
  });

  it("sends no link for an address another account holds, and answers the same", async () => {
    const person = await signedInPerson();
    const other = await signedInPerson();
    const asked = await api(
      "/api/profile/email",
      json("POST", { email: other.email, password: PASSWORD }, person.headers),
    );
    expect(asked.status).toBe(202);
    expect(await outboxCount(other.email, "confirm_new_email")).toBe(0);
  });
});

describe("security emails", () => {
  it("tells of a sign-in from a new device, not from a device seen before", async () => {
    const person = await signedInPerson();
    // the account's first session was opened by signedInPerson: this sign-in sends no cookie
    const fresh = await api(
      "/api/auth/login",
      postJson(
        { email: person.email, password: PASSWORD },
        { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" },
      ),
    );
    expect(fresh.status).toBe(200);
    const [alert] = await mailTo(person.email, "security_alert");
    expect(alert!.text_body).toContain("a device it has not used before");
    expect(alert!.text_body).toContain("Firefox on Linux");
    const deviceId = await env.DB.prepare(
      "SELECT device_id FROM refresh_tokens WHERE family_id = ?",
    )
      .bind(fresh.body.data.session_id ?? "")
      .first<string>("device_id");
    const known =
      deviceId ??
      (await env.DB.prepare(
        "SELECT device_id FROM refresh_tokens WHERE user_id = ? ORDER BY created_at DESC LIMIT 1",
      )
        .bind(person.userId)
        .first<string>("device_id"));
    const before = await outboxCount(person.email, "security_alert");
    const again = await api(
      "/api/auth/login",
      postJson(
        { email: person.email, password: PASSWORD },
        { Cookie: `${DEVICE_COOKIE}=${known}` },
      ),
    );
    expect(again.status).toBe(200);
    expect(await outboxCount(person.email, "security_alert")).toBe(before);
  });

  it("tells when two-factor is turned on and off", async () => {
    const person = await personWithTotp();
    const [on] = await mailTo(person.email, "security_alert");
    expect(on!.text_body).toContain("turned on");
    const off = await api(
      "/api/auth/mfa/disable",
      postJson({ password: PASSWORD, code: codeAt(person.secret) }, person.headers),
    );
    expect(off.status).toBe(200);
    const mails = await mailTo(person.email, "security_alert", 2);
    expect(mails.at(-1)!.text_body).toContain("turned off");
  });
});

describe("payment receipts", () => {
  it("sends one receipt per paid invoice, however often its webhook arrives", async () => {
    const person = await signedInPerson();
    await subscribe(person, "standard");
    await waitForSubscription(person, (data) => data.plan === "standard");
    const stored = await env.DB.prepare(
      "SELECT payload_json FROM stripe_events WHERE customer_id = ? AND type = 'invoice.payment_succeeded'",
    )
      .bind(await customerIdOf(person.userId))
      .first<string>("payload_json");
    const first = JSON.parse(stored!) as {
      created: number;
      data: { object: Record<string, unknown> };
    };
    // the first invoice of a trial is for nothing: no payment, no receipt
    expect(first.data.object.amount_paid).toBe(0);
    expect(await outboxCount(person.email, "payment_receipt")).toBe(0);

    const renewal = {
      ...first.data.object,
      id: `in_renewal_${person.userId.slice(0, 8)}`,
      number: "INV-RENEWAL-1",
      amount_due: 1499,
      amount_paid: 1499,
      billing_reason: "subscription_cycle",
    };
    for (const offset of [10, 11]) {
      // the same invoice's payment, delivered as two events (Stripe retries, replays)
      const event = await signedEvent("invoice.payment_succeeded", renewal, first.created + offset);
      expect((await postWebhook(event.payload, event.signature)).status).toBe(200);
      await waitForEventStatus(event.id, "applied");
    }
    const [receipt] = await mailTo(person.email, "payment_receipt");
    expect(receipt!.text_body).toContain("$14.99");
    expect(receipt!.text_body).toContain("INV-RENEWAL-1");
    expect(receipt!.text_body).toMatch(/\/api\/invoices\/in_renewal_\S+\/pdf/);
    expect(await outboxCount(person.email, "payment_receipt")).toBe(1);
  });
});
