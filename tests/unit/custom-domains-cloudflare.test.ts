import { describe, expect, it } from "vitest";
import { customHostnameSchema as requestHostname } from "../../core/contract/custom-domains";
import { cloudflareCustomHostnames } from "../../server/custom-domains/cloudflare";
import { domainState } from "../../server/custom-domains/records";

/** The client against a recorded fetch: the requests it sends and the answers it reads. */

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}

const hostname = {
  id: "0d89c70d-ad9f-4843-b99f-6cc0252067e9",
  hostname: "cv.example.com",
  status: "pending",
  ssl: {
    id: "ssl-1",
    type: "dv",
    method: "txt",
    status: "pending_validation",
    validation_records: [{ txt_name: "_acme-challenge.cv.example.com", txt_value: "ca3-token" }],
  },
  ownership_verification: {
    type: "txt",
    name: "_cf-custom-hostname.cv.example.com",
    value: "5cc07c04-ea62-4a5a-95f0-419334a875a4",
  },
  created_at: "2026-12-08T00:00:00Z",
};

function recorder(answers: Array<[number, unknown]>) {
  const sent: Sent[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      method: init?.method ?? "GET",
      url: String(input),
      authorization: new Headers(init?.headers).get("Authorization"),
      body: init?.body ? JSON.parse(String(init.body)) : null,
    });
    const [status, body] = answers.shift() ?? [500, null];
    return new Response(JSON.stringify(body), { status });
  }) as typeof fetch;
  return { sent, fetcher };
}

const ok = (result: unknown) => ({ success: true, errors: [], messages: [], result });
const failure = (code: number, message: string) => ({
  success: false,
  errors: [{ code, message }],
  messages: [],
  result: null,
});
const config = { token: "cf-token", zoneId: "zone123" };
const base = "https://api.cloudflare.com/client/v4/zones/zone123/custom_hostnames";

describe("the Cloudflare custom hostnames client", () => {
  it("creates with the SSL method and reads the answer", async () => {
    const { sent, fetcher } = recorder([[201, ok(hostname)]]);
    const created = await cloudflareCustomHostnames(config, fetcher).create(
      "cv.example.com",
      "txt",
    );
    expect(sent).toEqual([
      {
        method: "POST",
        url: base,
        authorization: "Bearer cf-token",
        body: { hostname: "cv.example.com", ssl: { method: "txt", type: "dv" } },
      },
    ]);
    expect(created.ownership_verification?.name).toBe("_cf-custom-hostname.cv.example.com");
    expect(created.ssl?.validation_records?.[0]?.txt_value).toBe("ca3-token");
  });

  it("answers a retried create with the hostname the zone already has", async () => {
    const { sent, fetcher } = recorder([
      [409, failure(1406, "Duplicate custom hostname found.")],
      [200, ok([hostname])],
    ]);
    const found = await cloudflareCustomHostnames(config, fetcher).create("cv.example.com", "http");
    expect(found.id).toBe(hostname.id);
    expect(sent[1]).toMatchObject({ method: "GET", url: `${base}?hostname=cv.example.com` });
  });

  it("gets and deletes by id; a hostname already gone is null, and its deletion no error", async () => {
    const { sent, fetcher } = recorder([
      [200, ok({ ...hostname, status: "active", ssl: { status: "active" } })],
      [404, failure(1436, "Custom hostname not found")],
      [200, ok({ id: hostname.id })],
      [404, failure(1436, "Custom hostname not found")],
    ]);
    const client = cloudflareCustomHostnames(config, fetcher);
    const got = await client.get(hostname.id);
    expect(domainState(got?.status ?? "", got?.ssl?.status ?? "")).toBe("active");
    expect(await client.get("missing")).toBeNull();
    await client.remove(hostname.id);
    await client.remove(hostname.id);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET ${base}/${hostname.id}`,
      `GET ${base}/missing`,
      `DELETE ${base}/${hostname.id}`,
      `DELETE ${base}/${hostname.id}`,
    ]);
  });

  it("refuses an error or an answer of the wrong shape with 503", async () => {
    const { fetcher } = recorder([
      [403, failure(10000, "Authentication error")],
      [200, ok({ hostname: "no id" })],
    ]);
    const client = cloudflareCustomHostnames(config, fetcher);
    await expect(client.create("cv.example.com", "txt")).rejects.toMatchObject({
      status: 503,
      code: "unavailable",
    });
    await expect(client.get("x")).rejects.toThrow();
  });
});

describe("hostnames and states", () => {
  it("accepts a full lower-cased hostname and nothing else", () => {
    expect(requestHostname.parse(" CV.Example.COM ")).toBe("cv.example.com");
    for (const bad of [
      "example",
      "10.0.0.1",
      "a..b.com",
      "-a.example.com",
      "x.example.com/",
      "*.example.com",
    ]) {
      expect(requestHostname.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("is failed only when Cloudflare gives up", () => {
    expect(domainState("pending", "pending_validation")).toBe("pending");
    expect(domainState("active", "pending_deployment")).toBe("pending");
    expect(domainState("blocked", "pending_validation")).toBe("failed");
    expect(domainState("pending", "validation_timed_out")).toBe("failed");
  });
});
