import { describe, expect, it } from "vitest";
import {
  authorizeUrl,
  githubProfile,
  googleProfile,
  MICROSOFT_CONSUMER_TENANT,
  microsoftProfile,
  oauthEndpoints,
  pkceChallenge,
  tokenRequestBody,
  tokenResponseSchema,
} from "../../core/auth/oauth";
import { base64UrlEncode } from "../../core/security/crypto";

const WORK_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const encode = (value: unknown) => base64UrlEncode(new TextEncoder().encode(JSON.stringify(value)));
const idToken = (claims: Record<string, unknown>) =>
  `${encode({ alg: "RS256" })}.${encode(claims)}.c2ln`;
const msClaims = (overrides: Record<string, unknown> = {}) => ({
  sub: "ms-sub",
  aud: "ms-client",
  iss: `https://login.microsoftonline.com/${WORK_TENANT}/v2.0`,
  tid: WORK_TENANT,
  ...overrides,
});

describe("PKCE", () => {
  it("computes the RFC 7636 S256 challenge", async () => {
    // RFC 7636 appendix B
    expect(await pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });
});

describe("authorize URL", () => {
  const base = {
    clientId: "client",
    redirectUri: "https://app.example/api/auth/oauth/google/callback",
    state: "state-123",
    codeChallenge: "challenge",
  };

  it("asks for a code with PKCE S256, state and the provider's scopes", () => {
    const url = new URL(authorizeUrl({ ...base, provider: "google" }));
    expect(`${url.origin}${url.pathname}`).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "client",
      redirect_uri: base.redirectUri,
      scope: "openid email profile",
      state: "state-123",
      code_challenge: "challenge",
      code_challenge_method: "S256",
    });
    const github = new URL(authorizeUrl({ ...base, provider: "github" }));
    expect(github.searchParams.get("scope")).toBe("read:user user:email");
    expect(github.searchParams.get("allow_signup")).toBe("false");
  });

  it("uses the configured Microsoft tenant, `common` otherwise, and asks which account to link", () => {
    expect(authorizeUrl({ ...base, provider: "microsoft" })).toMatch(
      /^https:\/\/login\.microsoftonline\.com\/common\/oauth2\/v2\.0\/authorize\?/,
    );
    const url = new URL(
      authorizeUrl({ ...base, provider: "microsoft", tenant: "contoso.com", selectAccount: true }),
    );
    expect(url.pathname).toBe("/contoso.com/oauth2/v2.0/authorize");
    expect(url.searchParams.get("prompt")).toBe("select_account");
    expect(oauthEndpoints("microsoft", "contoso.com").token).toBe(
      "https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token",
    );
  });

  it("builds the code exchange with the verifier", () => {
    const body = tokenRequestBody({
      code: "c",
      codeVerifier: "v",
      redirectUri: "https://app.example/cb",
      clientId: "id",
      clientSecret: "secret",
    });
    expect(Object.fromEntries(body)).toEqual({
      grant_type: "authorization_code",
      code: "c",
      redirect_uri: "https://app.example/cb",
      client_id: "id",
      client_secret: "secret",
      code_verifier: "v",
    });
  });
});

describe("token responses", () => {
  it("treats an `error` field as failure even with status 200 (GitHub)", () => {
    const refused = tokenResponseSchema.parse({ error: "bad_verification_code" });
    expect("error" in refused).toBe(true);
    expect(() => tokenResponseSchema.parse({ token_type: "bearer" })).toThrow();
  });
});

describe("profiles", () => {
  it("Google: the address counts as verified only when Google says so", () => {
    expect(
      googleProfile({ sub: "1", email: "Ada@Example.com", email_verified: true, name: "Ada" }),
    ).toEqual({
      providerAccountId: "1",
      email: "ada@example.com",
      emailVerified: true,
      name: "Ada",
    });
    expect(
      googleProfile({ sub: "1", email: "ada@example.com", email_verified: "true" }),
    ).toMatchObject({ emailVerified: true, name: "ada" });
    expect(
      googleProfile({ sub: "1", email: "ada@example.com", email_verified: false }),
    ).toMatchObject({ emailVerified: false });
    expect(() => googleProfile({ email: "ada@example.com" })).toThrow();
  });

  it("GitHub: the primary address, verified only if GitHub verified it", () => {
    const emails = [
      { email: "second@example.com", primary: false, verified: true },
      { email: "main@example.com", primary: true, verified: true },
    ];
    expect(githubProfile({ id: 42, login: "octo", name: null }, emails)).toEqual({
      providerAccountId: "42",
      email: "main@example.com",
      emailVerified: true,
      name: "octo",
    });
    expect(
      githubProfile({ id: 42, login: "octo" }, [
        { email: "main@example.com", primary: true, verified: false },
        { email: "second@example.com", primary: false, verified: true },
      ]),
    ).toMatchObject({ email: "main@example.com", emailVerified: false });
    expect(githubProfile({ id: 42, login: "octo" }, [])).toMatchObject({
      email: null,
      emailVerified: false,
    });
  });

  it("Microsoft: verified for personal accounts or with xms_edov, never from the claim alone", () => {
    const info = { sub: "ms-sub", email: "ada@contoso.com", name: "Ada" };
    expect(microsoftProfile(info, idToken(msClaims()), "ms-client")).toMatchObject({
      email: "ada@contoso.com",
      emailVerified: false,
    });
    expect(
      microsoftProfile(info, idToken(msClaims({ xms_edov: true })), "ms-client").emailVerified,
    ).toBe(true);
    const personal = msClaims({
      tid: MICROSOFT_CONSUMER_TENANT,
      iss: `https://login.microsoftonline.com/${MICROSOFT_CONSUMER_TENANT}/v2.0`,
    });
    expect(microsoftProfile(info, idToken(personal), "ms-client").emailVerified).toBe(true);
  });

  it("Microsoft: refuses an ID token for another client, issuer or person", () => {
    const info = { sub: "ms-sub", email: "ada@contoso.com" };
    expect(() => microsoftProfile(info, undefined, "ms-client")).toThrow(/no ID token/);
    expect(() => microsoftProfile(info, idToken(msClaims({ aud: "other" })), "ms-client")).toThrow(
      /another client/,
    );
    expect(() =>
      microsoftProfile(info, idToken(msClaims({ iss: "https://evil.example/v2.0" })), "ms-client"),
    ).toThrow(/issuer/);
    expect(() => microsoftProfile(info, idToken(msClaims({ sub: "x" })), "ms-client")).toThrow(
      /disagree/,
    );
  });
});
