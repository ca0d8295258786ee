/**
 * Which addresses the Worker may fetch on a person's behalf (a resume photo for the PDF):
 * a public name on the web, over https on its default port, and nothing else. Refused:
 * IP literals of any kind (v4 in every notation the URL parser accepts — `2130706433`,
 * `0x7f.1`, `0177.0.0.1` all become `127.0.0.1` — and every v6 address, `[::1]` and
 * v4-mapped ones included), `localhost` and `*.localhost`, single-label names (`intranet`),
 * names under suffixes that only mean something on a private network (`.local`,
 * `.internal`, …), credentials in the address, and any scheme or port but https on 443.
 * Refusing every IP literal covers private, loopback and link-local ranges at once: a real
 * photo lives on a named host.
 *
 * Pure (WHATWG URL parsing only), so one set of rules holds in workerd and in tests. A name
 * that resolves to a private address is not seen here; on Cloudflare the Worker's fetch
 * does not reach private networks anyway.
 */

/** Suffixes reserved for local networks, testing or nothing at all (RFC 6761, 6762, 8375). */
const PRIVATE_SUFFIXES = [
  "localhost",
  "local",
  "internal",
  "localdomain",
  "lan",
  "home.arpa",
  "arpa",
  "test",
  "example",
  "invalid",
  "onion",
] as const;

const IPV4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}$/;

export type OutsideUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** The parsed address when the Worker may fetch it, else why not. */
export function checkOutsideUrl(address: string | URL): OutsideUrlCheck {
  let url: URL;
  try {
    url = new URL(String(address));
  } catch {
    return { ok: false, reason: "not an absolute URL" };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "not https" };
  if (url.username || url.password) return { ok: false, reason: "credentials in the address" };
  // The parser drops the scheme's default port, so anything left is another port.
  if (url.port !== "") return { ok: false, reason: "not the default https port" };
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") || host.includes(":")) return { ok: false, reason: "an IP address" };
  if (IPV4_LITERAL.test(host)) return { ok: false, reason: "an IP address" };
  if (!host.includes(".")) return { ok: false, reason: "not a public host name" };
  for (const suffix of PRIVATE_SUFFIXES) {
    if (host === suffix || host.endsWith(`.${suffix}`)) {
      return { ok: false, reason: "not a public host name" };
    }
  }
  return { ok: true, url };
}
