/**
 * The parts of a link a moderation check looks at, parsed with the platform's WHATWG URL
 * parser (the same one a browser uses to follow the link, so what we check is where a click
 * goes): IDN hosts come out in punycode, `http://3232235777` comes out as `192.168.1.1`.
 */
export interface LinkParts {
  /** Lowercase, without the colon: `https`, `javascript`. */
  scheme: string;
  /** Lowercase ASCII host (punycode for IDNs); "" for schemes without one. */
  host: string;
  /** `user` or `user:pass` before the `@`, as written; "" when none. */
  userinfo: string;
}

/** Parses what a person wrote; `www.example.com/x` is read as the https address it links to. */
export function linkParts(raw: string): LinkParts | null {
  const trimmed = raw.trim();
  const withScheme = /^www\./i.test(trimmed) ? `https://${trimmed}` : trimmed;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const userinfo = url.username
    ? url.password
      ? `${url.username}:${url.password}`
      : url.username
    : "";
  return {
    scheme: url.protocol.replace(/:$/, "").toLowerCase(),
    host: url.hostname.toLowerCase().replace(/\.$/, ""),
    userinfo,
  };
}

/** Second-level labels under which country registries sell names (`example.co.uk`). */
const SECOND_LEVEL = new Set(["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"]);

/**
 * The name someone registered (`login.example.co.uk` → `example.co.uk`), approximated without
 * the public suffix list: two labels, or three under a country's common second level.
 */
export function registrableDomain(host: string): string {
  const labels = host.split(".");
  if (labels.length <= 2) return host;
  const tld = labels[labels.length - 1] as string;
  const second = labels[labels.length - 2] as string;
  const take = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-take).join(".");
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
