import { describe, expect, it } from "vitest";
import { linkToken, mailTo, PASSWORD, postJson, signedInPerson } from "./auth-support";
import { api, countRows, uniqueId } from "./helpers";

const NEW_PASSWORD = "an entirely different passphrase";

describe("forgot and reset password", () => {
  it("answers 202 alike for known and unknown emails, and mails only the real account", async () => {
    const person = await signedInPerson();
    const known = await api("/api/auth/forgot-password", postJson({ email: person.email }));
    const unknown = await api(
      "/api/auth/forgot-password",
      postJson({ email: `${uniqueId("ghost")}@example.test` }),
    );
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body.data).toEqual(unknown.body.data);
    await mailTo(person.email, "reset_password");
  });

  it("resets with the link once, ends every session, and lets the new password in", async () => {
    const person = await signedInPerson();
    await api("/api/auth/forgot-password", postJson({ email: person.email }));
    const [mail] = await mailTo(person.email, "reset_password");
    const token = linkToken(mail!.text_body, "reset-password");

    const weak = await api("/api/auth/reset-password", postJson({ token, password: "short" }));
    expect(weak.status).toBe(400);
    const reset = await api(
      "/api/auth/reset-password",
      postJson({ token, password: NEW_PASSWORD }),
    );
    expect(reset.status).toBe(200);
    expect(
      (await api("/api/auth/reset-password", postJson({ token, password: NEW_PASSWORD }))).body
        .error.code,
    ).toBe("token_invalid");

    expect((await api("/api/auth/me", { headers: person.headers })).status).toBe(401);
    expect(
      (await api("/api/auth/refresh", postJson({ refresh_token: person.tokens.refresh_token })))
        .status,
    ).toBe(401);
    expect(
      (await api("/api/auth/login", postJson({ email: person.email, password: PASSWORD }))).status,
    ).toBe(401);
    expect(
      (await api("/api/auth/login", postJson({ email: person.email, password: NEW_PASSWORD })))
        .status,
    ).toBe(200);
    await mailTo(person.email, "password_changed");
  });

  it("ends every other outstanding reset link when one is used", async () => {
    const person = await signedInPerson();
    await api("/api/auth/forgot-password", postJson({ email: person.email }));
    await api("/api/auth/forgot-password", postJson({ email: person.email }));
    const [older, newer] = (await mailTo(person.email, "reset_password", 2)).map((mail) =>
      linkToken(mail.text_body, "reset-password"),
    );
    expect(
      (await api("/api/auth/reset-password", postJson({ token: newer, password: NEW_PASSWORD })))
        .status,
    ).toBe(200);
    const stale = await api(
      "/api/auth/reset-password",
      postJson({ token: older, password: "the attacker's passphrase" }),
    );
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe("token_invalid");
    expect(
      (await api("/api/auth/login", postJson({ email: person.email, password: NEW_PASSWORD })))
        .status,
    ).toBe(200);
  });

  it("of two links used at once, sets one password", async () => {
    const person = await signedInPerson();
    await api("/api/auth/forgot-password", postJson({ email: person.email }));
    await api("/api/auth/forgot-password", postJson({ email: person.email }));
    const tokens = (await mailTo(person.email, "reset_password", 2)).map((mail) =>
      linkToken(mail.text_body, "reset-password"),
    );
    const passwords = ["first of two passphrases", "second of two passphrases"];
    const resets = await Promise.all(
      tokens.map((token, i) =>
        api("/api/auth/reset-password", postJson({ token, password: passwords[i] })),
      ),
    );
    expect(resets.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = passwords[resets.findIndex((r) => r.status === 200)]!;
    expect(
      (await api("/api/auth/login", postJson({ email: person.email, password: winner }))).status,
    ).toBe(200);
  });

  it("rejects a made-up token", async () => {
    const { status, body } = await api(
      "/api/auth/reset-password",
      postJson({ token: "y".repeat(43), password: NEW_PASSWORD }),
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe("token_invalid");
  });
});

describe("change password", () => {
  it("needs the current password, keeps this session, ends the others", async () => {
    const person = await signedInPerson();
    const other = (
      await api("/api/auth/login", postJson({ email: person.email, password: PASSWORD }))
    ).body.data;

    const wrong = await api(
      "/api/auth/change-password",
      postJson({ current_password: "not it at all", new_password: NEW_PASSWORD }, person.headers),
    );
    expect(wrong.status).toBe(401);
    const weak = await api(
      "/api/auth/change-password",
      postJson({ current_password: PASSWORD, new_password: "password12" }, person.headers),
    );
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toEqual(["new_password"]);

    const changed = await api(
      "/api/auth/change-password",
      postJson({ current_password: PASSWORD, new_password: NEW_PASSWORD }, person.headers),
    );
    expect(changed.status).toBe(200);
    const fresh = { Authorization: `Bearer ${changed.body.data.access_token}` };
    expect((await api("/api/auth/me", { headers: fresh })).status).toBe(200);
    expect((await api("/api/auth/me", { headers: person.headers })).status).toBe(401);
    expect(
      (await api("/api/auth/refresh", postJson({ refresh_token: person.tokens.refresh_token })))
        .status,
    ).toBe(200);
    expect(
      (await api("/api/auth/refresh", postJson({ refresh_token: other.refresh_token }))).status,
    ).toBe(401);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND template = 'password_changed'",
        person.email,
      ),
    ).toBe(1);
  });

  it("ends outstanding reset links: one mailed before the change cannot undo it", async () => {
    const person = await signedInPerson();
    await api("/api/auth/forgot-password", postJson({ email: person.email }));
    const [mail] = await mailTo(person.email, "reset_password");
    const token = linkToken(mail!.text_body, "reset-password");
    const changed = await api(
      "/api/auth/change-password",
      postJson({ current_password: PASSWORD, new_password: NEW_PASSWORD }, person.headers),
    );
    expect(changed.status).toBe(200);
    const stale = await api(
      "/api/auth/reset-password",
      postJson({ token, password: "the attacker's passphrase" }),
    );
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe("token_invalid");
  });
});
