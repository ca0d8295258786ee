import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { inlinePhoto, printableHtml } from "../../server/exports/export-assets";
import { postJson, signedInPerson } from "./auth-support";
import { api } from "./helpers";

/** One PNG pixel: enough for the fetcher to accept a response as a photo. */
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

/** A network that records every request and answers from `routes` (else 404). */
function fakeNetwork(routes: Record<string, () => Response>) {
  const requests: { url: string; redirect: RequestInit["redirect"] }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push({ url, redirect: init?.redirect });
    return routes[url]?.() ?? new Response("missing", { status: 404 });
  }) as unknown as typeof fetch;
  return { fetchFn, requests };
}

const photo = () => new Response(PNG, { headers: { "Content-Type": "image/png" } });
const redirectTo =
  (location: string, status = 302) =>
  () =>
    new Response(null, { status, headers: { Location: location } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("export photo fetch", () => {
  it("refuses loopback, private and IP-literal hosts without connecting", async () => {
    const { fetchFn, requests } = fakeNetwork({});
    for (const address of [
      "https://127.0.0.1/me.png",
      "https://2130706433/me.png",
      "https://0x7f.1/me.png",
      "https://localhost/me.png",
      "https://photos.localhost/me.png",
      "https://[::1]/me.png",
      "https://[::ffff:127.0.0.1]/me.png",
      "https://169.254.169.254/latest/meta-data",
      "https://10.1.2.3/me.png",
      "https://intranet/me.png",
      "https://nas.local/me.png",
      "https://metadata.google.internal/me.png",
      "https://photos.example.com:8443/me.png",
      "https://user:pw@photos.example.com/me.png",
      "http://photos.example.com/me.png",
    ]) {
      expect(await inlinePhoto(address, { fetch: fetchFn }), address).toBeNull();
    }
    expect(requests).toEqual([]);
    // And with the Worker's own network: nothing leaves either.
    const network = vi.spyOn(globalThis, "fetch");
    for (const address of ["https://127.0.0.1/", "https://localhost/", "https://2130706433/"]) {
      expect(await inlinePhoto(address), address).toBeNull();
    }
    expect(network).not.toHaveBeenCalled();
  });

  it("fetches a public https photo by hand, never letting the runtime follow redirects", async () => {
    const { fetchFn, requests } = fakeNetwork({ "https://photos.example.com/me.png": photo });
    const inlined = await inlinePhoto("https://photos.example.com/me.png", { fetch: fetchFn });
    expect(inlined).toMatch(/^data:image\/png;base64,/);
    expect(requests).toEqual([{ url: "https://photos.example.com/me.png", redirect: "manual" }]);
  });

  it("re-checks every redirect hop: a redirect to a loopback address is refused", async () => {
    for (const target of [
      "https://127.0.0.1/me.png",
      "https://localhost/me.png",
      "https://2130706433/me.png",
      "http://photos.example.com/me.png",
      "https://[::1]/me.png",
    ]) {
      const { fetchFn, requests } = fakeNetwork({
        "https://photos.example.com/me.png": redirectTo(target),
        [target]: photo,
      });
      expect(
        await inlinePhoto("https://photos.example.com/me.png", { fetch: fetchFn }),
        target,
      ).toBeNull();
      expect(requests.map((r) => r.url)).toEqual(["https://photos.example.com/me.png"]);
    }
  });

  it("follows up to 3 good redirects (relative ones too), and refuses a fourth", async () => {
    const chain = fakeNetwork({
      "https://a.example.com/me.png": redirectTo("https://b.example.com/me.png", 301),
      "https://b.example.com/me.png": redirectTo("/photos/me.png", 307),
      "https://b.example.com/photos/me.png": redirectTo("https://c.example.com/me.png", 308),
      "https://c.example.com/me.png": photo,
    });
    expect(await inlinePhoto("https://a.example.com/me.png", { fetch: chain.fetchFn })).toMatch(
      /^data:image\/png;base64,/,
    );
    expect(chain.requests).toHaveLength(4);

    const loop = fakeNetwork({
      "https://a.example.com/1": redirectTo("https://a.example.com/2"),
      "https://a.example.com/2": redirectTo("https://a.example.com/3"),
      "https://a.example.com/3": redirectTo("https://a.example.com/4"),
      "https://a.example.com/4": redirectTo("https://a.example.com/5"),
      "https://a.example.com/5": photo,
    });
    expect(await inlinePhoto("https://a.example.com/1", { fetch: loop.fetchFn })).toBeNull();
    expect(loop.requests).toHaveLength(4);
  });
});

describe("a relative photo reference (valid JSON Resume)", () => {
  it("is imported and kept as is, and the PDF never fetches it: initials instead", async () => {
    const person = await signedInPerson();
    const imported = await api(
      "/api/resumes/import",
      postJson({ basics: { name: "Ada Lovelace", image: "profile-image.png" } }, person.headers),
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.data.data.basics.image).toBe("profile-image.png");
    const read = await api(`/api/resumes/${imported.body.data.id}`, { headers: person.headers });
    expect(read.body.data.data.basics.image).toBe("profile-image.png");

    const network = vi.spyOn(globalThis, "fetch");
    const { html } = await printableHtml(env, read.body.data.data, { template: "portrait" });
    expect(network).not.toHaveBeenCalled();
    expect(html).toContain("photo-initials");
    expect(html).not.toContain("profile-image.png");
  });
});
