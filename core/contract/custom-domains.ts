import { z } from "zod";

/**
 * The wire shapes of a custom domain (README "Custom domains"): an Enterprise account serves
 * one share page on its own hostname through Cloudflare for SaaS.
 */

/** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** Two labels at least, and a top-level label with a letter (so never an IPv4 address). */
const HOSTNAME_PATTERN = new RegExp(`^(?:${LABEL}\\.)+(?=[a-z0-9-]*[a-z])${LABEL}$`);

/** A hostname as the owner types it: trimmed, lower-cased, a full name, no IP, no wildcard. */
export const customHostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, "A hostname has at most 253 characters.")
  .regex(HOSTNAME_PATTERN, "Enter a hostname such as cv.example.com (no https://, no path).");

export const SSL_METHODS = ["http", "txt"] as const;

export const customDomainRequestSchema = z
  .object({
    hostname: customHostnameSchema,
    /** The resume whose share page the domain shows. */
    resume_id: z.string().min(1).max(64),
    /** How the certificate is validated: a TXT record (before the CNAME) or over HTTP. */
    ssl_method: z.enum(SSL_METHODS).default("txt"),
  })
  .strict()
  .meta({ id: "CustomDomainRequest" });
export type CustomDomainRequest = z.output<typeof customDomainRequestSchema>;

export const CUSTOM_DOMAIN_STATES = ["pending", "active", "failed"] as const;
export type CustomDomainState = (typeof CUSTOM_DOMAIN_STATES)[number];

/** A record the owner adds at their DNS host (or a file served over HTTP for `http`). */
export const dnsRecordSchema = z.object({
  type: z.enum(["CNAME", "TXT", "HTTP"]),
  name: z.string(),
  value: z.string(),
  /** What the record is for, in a few words. */
  purpose: z.string(),
});
export type DnsRecord = z.output<typeof dnsRecordSchema>;

export const customDomainViewSchema = z
  .object({
    hostname: z.string(),
    resume_id: z.string(),
    ssl_method: z.enum(SSL_METHODS),
    /** Ours, summed up: `active` serves the page, `failed` needs the owner's attention. */
    state: z.enum(CUSTOM_DOMAIN_STATES),
    /** Cloudflare's own words: the hostname's status and its certificate's. */
    hostname_status: z.string(),
    ssl_status: z.string(),
    records: z.array(dnsRecordSchema),
    errors: z.array(z.string()),
    /** The page's address once active. */
    url: z.string(),
    checked_at: z.string().datetime(),
    /** The local stand-in for Cloudflare answers: the app offers to mark the DNS as added. */
    local: z.boolean(),
  })
  .meta({ id: "CustomDomain" });
export type CustomDomainView = z.output<typeof customDomainViewSchema>;

/** GET: the domain, or null with what the plan allows. */
export const customDomainResultSchema = z
  .object({
    domain: customDomainViewSchema.nullable(),
    /** Whether the plan includes a custom domain. */
    entitled: z.boolean(),
    /** The hostname a CNAME points at. */
    cname_target: z.string(),
  })
  .meta({ id: "CustomDomainResult" });
export type CustomDomainResult = z.output<typeof customDomainResultSchema>;

export const localDnsRequestSchema = z.object({ hostname: customHostnameSchema }).strict();
