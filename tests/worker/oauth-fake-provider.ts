import { SELF } from "cloudflare:test";
import { vi } from "vitest";
import { ACCESS_COOKIE } from "../../api/lib/auth-cookies";
import { MICROSOFT_CONSUMER_TENANT, type OAuthProvider } from "../../core/auth/oauth";
import { base64UrlEncode } from "../../core/security/crypto";
import { freshIp } from "./auth-support";
import { uniqueId } from "./helpers";

/**
 * Google, GitHub and Microsoft as the Worker sees them, by intercepting `fetch`: the Worker
 * runs in the test's isolate, so its calls to the providers land here. Each test hands out
 * codes for the identities it wants to sign in with.
 */
export interface FakeIdentity {
  provider: OAuthProvider;
  /** The provider's stable id for the person. */
  sub: string;
  email: string | null;
  verified: boolean;
  name?: string;
  /** Microsoft: the tenant (consumer tenant = personal account) and the `xms_edov` claim. */
  tenant?: string;
  edov?: boolean;
}

export interface TokenRequest {
  url: string;
  params: URLSearchParams;
  headers: Headers;
}

const CLIENT_IDS: Record<OAuthProvider, string> = {
  google: "test-google-client",
  github: "test-github-client",
  microsoft: "test-microsoft-client",
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const encodeJson = (value: unknown) =>
  base64UrlEncode(new TextEncoder().encode(JSON.stringify(value)));

/** An ID token as Microsoft's token endpoint returns it (the Worker does not check the signature). */
function microsoftIdToken(identity: FakeIdentity) {
  const tid = identity.tenant ?? "72f988bf-86f1-41af-91ab-2d7cd011db47";
  const claims = {
    sub: identity.sub,
    aud: CLIENT_IDS.microsoft,
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    tid,
    ...(identity.email ? { email: identity.email } : {}),
    ...(identity.edov === undefined ? {} : { xms_edov: identity.edov }),
  };
  return `${encodeJson({ alg: "RS256", typ: "JWT" })}.${encodeJson(claims)}.c2lnbmF0dXJl`;
}

const PROVIDER_ORIGINS = new Set([
  "https://accounts.google.com",
  "https://oauth2.googleapis.com",
  "https://openidconnect.googleapis.com",
  "https://github.com",
  "https://api.github.com",
  "https://login.microsoftonline.com",
  "https://graph.microsoft.com",
]);

export type TokenBehaviour = "ok" | "http_error" | "error_field" | "network_error";

export function fakeProviders() {
  const codes = new Map<string, { identity: FakeIdentity; behaviour: TokenBehaviour }>();
  const accessTokens = new Map<string, FakeIdentity>();
  const tokenRequests: TokenRequest[] = [];
  const realFetch = globalThis.fetch;

  const userinfo = (request: Request, answer: (identity: FakeIdentity) => unknown) => {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const identity = accessTokens.get(token);
    return identity ? json(answer(identity)) : json({ error: "invalid_token" }, 401);
  };

  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    // Only the providers' requests are read: building a Request from anything else would
    // consume its body before the real fetch sends it (the Workflows binding's, for one).
    const url = new URL(input instanceof Request ? input.url : String(input));
    const endpoint = `${url.origin}${url.pathname}`;
    if (!PROVIDER_ORIGINS.has(url.origin)) return realFetch(input, init);
    const request = new Request(input, init);
    if (
      endpoint === "https://oauth2.googleapis.com/token" ||
      endpoint === "https://github.com/login/oauth/access_token" ||
      /^https:\/\/login\.microsoftonline\.com\/[^/]+\/oauth2\/v2\.0\/token$/.test(endpoint)
    ) {
      const params = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
      tokenRequests.push({ url: endpoint, params, headers: request.headers });
      const issued = codes.get(params.get("code") ?? "");
      if (!issued) return json({ error: "invalid_grant" }, 400);
      codes.delete(params.get("code") ?? "");
      if (issued.behaviour === "network_error") throw new TypeError("Network connection lost.");
      if (issued.behaviour === "http_error") return json({ error: "server_error" }, 500);
      if (issued.behaviour === "error_field") return json({ error: "bad_verification_code" });
      const accessToken = uniqueId("access");
      accessTokens.set(accessToken, issued.identity);
      return json({
        access_token: accessToken,
        token_type: "Bearer",
        ...(issued.identity.provider === "microsoft"
          ? { id_token: microsoftIdToken(issued.identity) }
          : {}),
      });
    }
    if (endpoint === "https://openidconnect.googleapis.com/v1/userinfo") {
      return userinfo(request, (who) => ({
        sub: who.sub,
        email: who.email,
        email_verified: who.verified,
        name: who.name,
      }));
    }
    if (endpoint === "https://api.github.com/user") {
      if (!request.headers.get("user-agent")) return json({ message: "no user agent" }, 403);
      return userinfo(request, (who) => ({
        id: Number(who.sub),
        login: "octocat",
        name: who.name,
      }));
    }
    if (endpoint === "https://api.github.com/user/emails") {
      return userinfo(request, (who) =>
        who.email
          ? [
              { email: who.email, primary: true, verified: who.verified, visibility: null },
              { email: "other@example.test", primary: false, verified: true, visibility: null },
            ]
          : [],
      );
    }
    if (endpoint === "https://graph.microsoft.com/oidc/userinfo") {
      return userinfo(request, (who) => ({ sub: who.sub, email: who.email, name: who.name }));
    }
    return json({ error: "unknown fake endpoint" }, 404);
  });

  return {
    tokenRequests,
    /** A code the provider's token endpoint accepts once. */
    codeFor(identity: FakeIdentity, behaviour: TokenBehaviour = "ok") {
      const code = uniqueId("code");
      codes.set(code, { identity, behaviour });
      return code;
    },
    restore: () => spy.mockRestore(),
  };
}

let githubIds = 1000;
export const identity = (
  provider: OAuthProvider,
  overrides: Partial<FakeIdentity> = {},
): FakeIdentity => ({
  provider,
  sub: provider === "github" ? String(++githubIds + Date.now()) : uniqueId(`${provider}-sub`),
  email: `${uniqueId(provider)}@example.test`,
  verified: true,
  name: "Ada Lovelace",
  ...(provider === "microsoft" ? { tenant: MICROSOFT_CONSUMER_TENANT } : {}),
  ...overrides,
});

export interface Started {
  status: number;
  location: URL;
  state: string;
  /** The flow-binding cookie, as the browser would send it back. */
  cookie: string;
  setCookie: string;
}

/** GET …/start as a browser would (no redirect following). */
export async function startFlow(
  provider: string,
  query = "",
  headers: Record<string, string> = {},
): Promise<Started> {
  const response = await SELF.fetch(
    `http://localhost/api/auth/oauth/${provider}/start${query ? `?${query}` : ""}`,
    { redirect: "manual", headers: { "CF-Connecting-IP": freshIp(), ...headers } },
  );
  const location = new URL(response.headers.get("location") ?? "http://missing.invalid");
  const setCookie =
    response.headers.getSetCookie().find((cookie) => cookie.startsWith("rb_oauth_flow=")) ?? "";
  return {
    status: response.status,
    location,
    state: location.searchParams.get("state") ?? "",
    cookie: setCookie.split(";")[0] ?? "",
    setCookie,
  };
}

export interface Landed {
  status: number;
  /** Where the browser goes next: a path and query on this site. */
  location: string;
  params: URLSearchParams;
  cookies: string[];
  /** The session's access token, when one was opened. */
  accessToken: string | null;
}

/** GET …/callback as the provider's redirect makes the browser do it. */
export async function finishFlow(
  provider: string,
  query: Record<string, string>,
  cookie: string | null,
): Promise<Landed> {
  const response = await SELF.fetch(
    `http://localhost/api/auth/oauth/${provider}/callback?${new URLSearchParams(query)}`,
    {
      redirect: "manual",
      headers: { "CF-Connecting-IP": freshIp(), ...(cookie ? { Cookie: cookie } : {}) },
    },
  );
  const location = response.headers.get("location") ?? "";
  const cookies = response.headers.getSetCookie();
  const access = cookies.find((c) => c.startsWith(`${ACCESS_COOKIE}=`));
  return {
    status: response.status,
    location,
    params: new URL(location, "http://localhost").searchParams,
    cookies,
    accessToken: access ? (access.split(";")[0]?.slice(`${ACCESS_COOKIE}=`.length) ?? null) : null,
  };
}

/** A whole sign-in through the provider: start, consent, callback. */
export async function signInWith(
  fake: ReturnType<typeof fakeProviders>,
  who: FakeIdentity,
  query = "",
  headers: Record<string, string> = {},
) {
  const started = await startFlow(who.provider, query, headers);
  return finishFlow(
    who.provider,
    { code: fake.codeFor(who), state: started.state },
    started.cookie,
  );
}
