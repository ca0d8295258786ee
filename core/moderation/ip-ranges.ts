import ipaddr from "ipaddr.js";

/**
 * Network ranges for IP bans (README "Bans"): one address or a CIDR range, kept in one
 * canonical spelling so a ban is found by exact lookup. Pure; parsing is ipaddr.js's.
 */

/** The widest range a ban may cover: an IPv4 /16 (65,536 addresses), an IPv6 /32. */
export const WIDEST_PREFIX = { ipv4: 16, ipv6: 32 } as const;

const FULL_LENGTH = { ipv4: 32, ipv6: 128 } as const;

export type RangeParse =
  | { ok: true; range: string }
  | { ok: false; code: "invalid_range" | "range_too_wide"; message: string };

/**
 * The canonical form of an address or CIDR range: a lone address as the address (`/32` and
 * `/128` say the same), a range as its network address and prefix (`10.1.2.3/16` →
 * `10.1.0.0/16`), IPv6 compressed (RFC 5952), an IPv4-mapped IPv6 address as IPv4.
 */
export function canonicalRange(input: string): RangeParse {
  const text = input.trim();
  const [addressText, prefixText, extra] = text.split("/");
  if (
    extra !== undefined ||
    !addressText ||
    !ipaddr.isValid(addressText) ||
    addressText.includes("%")
  )
    return { ok: false, code: "invalid_range", message: "Give an IP address or a CIDR range" };
  const address = ipaddr.process(addressText);
  const kind = address.kind();
  const full: number = FULL_LENGTH[kind];
  let prefix = full;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText))
      return { ok: false, code: "invalid_range", message: "The prefix length is not a number" };
    prefix = Number(prefixText);
    // A mapped IPv4 address given with an IPv6 prefix: its IPv4 prefix is 96 fewer.
    const mapped = kind === "ipv4" && ipaddr.parse(addressText).kind() === "ipv6";
    if (mapped) prefix -= 96;
    if (prefix < 0 || prefix > full)
      return { ok: false, code: "invalid_range", message: `An ${kind} prefix is 0–${full}` };
  }
  if (prefix < WIDEST_PREFIX[kind])
    return {
      ok: false,
      code: "range_too_wide",
      message: `An ${kind === "ipv4" ? "IPv4" : "IPv6"} range may be at most /${WIDEST_PREFIX[kind]}`,
    };
  return { ok: true, range: networkOf(address, prefix) };
}

/** The canonical spelling of the range of `prefix` bits that holds `address`. */
function networkOf(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): string {
  const full = FULL_LENGTH[address.kind()];
  if (prefix === full) return address.toString();
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  return `${network.toString()}/${prefix}`;
}

/**
 * Every canonical range a ban could be written as and still hold `address`: the address, and
 * its network at each allowed prefix (17 for IPv4, 97 for IPv6). A ban matches exactly when its
 * range is one of them, so the lookup is an indexed `IN`, never a scan. Empty for a non-address.
 */
export function rangesHolding(address: string): string[] {
  if (!ipaddr.isValid(address) || address.includes("%")) return [];
  const parsed = ipaddr.process(address);
  const full = FULL_LENGTH[parsed.kind()];
  const ranges: string[] = [];
  for (let prefix = full; prefix >= WIDEST_PREFIX[parsed.kind()]; prefix--)
    ranges.push(networkOf(parsed, prefix));
  return ranges;
}

/** Whether `range` (canonical) holds `address`: for the admin's own-address check. */
export const rangeHolds = (range: string, address: string | null): boolean =>
  address !== null && rangesHolding(address).includes(range);
