/**
 * Masks personal data before anything reaches a log line: e-mail addresses keep their first
 * character and domain, IPv4 addresses lose their last octet, IPv6 keep their first two
 * groups, and secrets (tokens, passwords, cookies, keys) are replaced entirely.
 */
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const IPV4 = /\b(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\b/g;
/** Colon-separated hex groups; `maskIpv6` decides which of them are addresses. */
const IPV6 = /(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:]|\.\d)/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[_-]?key|card|cvc|ssn/i;

/**
 * Full addresses (4+ groups) and `::`-compressed ones, wherever the `::` falls; clock times
 * (`14:05:09`) are left alone. The first two groups are those of the expanded address.
 */
function maskIpv6(candidate: string): string {
  const compressed = candidate.split("::");
  if (compressed.length === 2 && !candidate.includes(":::") && /[0-9a-fA-F]/.test(candidate)) {
    const head = compressed[0] ? compressed[0].split(":") : [];
    const [first, second] = [...head, "0", "0"];
    return `${first}:${second}:x`;
  }
  const groups = candidate.split(":");
  if (compressed.length === 1 && groups.length >= 4 && groups.every(Boolean)) {
    return `${groups[0]}:${groups[1]}:x`;
  }
  return candidate;
}

export function maskString(value: string): string {
  return value
    .replace(BEARER, "$1 [redacted]")
    .replace(EMAIL, "$1***@$2")
    .replace(IPV4, "$1.x")
    .replace(IPV6, maskIpv6);
}

export function maskPii(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[truncated]";
  if (typeof value === "string") return maskString(value);
  if (Array.isArray(value)) return value.map((item) => maskPii(item, depth + 1));
  if (value && typeof value === "object") {
    const masked: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      masked[key] = SECRET_KEY.test(key) ? "[redacted]" : maskPii(inner, depth + 1);
    }
    return masked;
  }
  return value;
}
