/**
 * Linked accounts (README "Bans"): what makes two accounts look like one person's, for the admin
 * to review and ban together only on confirmation. Pure.
 */

/** Accounts registered from one address this close together are linked. */
export const SIGNUP_ADDRESS_WINDOW_MS = 7 * 86_400_000;

/** At most this many linked accounts are listed (and can be banned together) at once. */
export const LINKED_ACCOUNTS_MAX = 50;

/** Providers whose addresses ignore dots in the local part, under the name they all reach. */
const DOTLESS_DOMAINS: Record<string, string> = {
  "gmail.com": "gmail.com",
  "googlemail.com": "gmail.com",
};

/**
 * The mailbox an address delivers to, as one spelling: lower-case, without a `+tag`, and for
 * Gmail without dots and with googlemail.com as gmail.com (`J.Doe+cv@GoogleMail.com` →
 * `jdoe@gmail.com`). Null for something that is not an address.
 */
export function canonicalEmailAlias(email: string): string | null {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return null;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus >= 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless) {
    local = local.replaceAll(".", "");
    domain = dotless;
  }
  return local ? `${local}@${domain}` : null;
}

/** Whether the domain is one whose local parts ignore dots (so lookups cannot use a prefix). */
export const isDotlessDomain = (domain: string): boolean =>
  Object.hasOwn(DOTLESS_DOMAINS, domain.toLowerCase());

/** The domains that reach the same mailboxes as `domain` (itself, or all of Gmail's). */
export function domainsReaching(domain: string): string[] {
  const target = DOTLESS_DOMAINS[domain.toLowerCase()];
  if (!target) return [domain.toLowerCase()];
  return Object.keys(DOTLESS_DOMAINS).filter((name) => DOTLESS_DOMAINS[name] === target);
}
