import type { CustomDomainState, DnsRecord } from "../../core/contract/custom-domains";
import type { CustomHostname } from "./provider";

/**
 * What Cloudflare's answer means for the owner (README "Custom domains"): the state the app
 * goes by and the records to add at their DNS host.
 */

/** Hostname statuses Cloudflare gives up on (the owner must act; re-adding starts over). */
const FAILED_STATUSES = new Set(["blocked", "moved", "deleted", "pending_blocked", "test_failed"]);

export function domainState(hostnameStatus: string, sslStatus: string): CustomDomainState {
  if (hostnameStatus === "active" && sslStatus === "active") return "active";
  if (FAILED_STATUSES.has(hostnameStatus)) return "failed";
  if (sslStatus.endsWith("_timed_out") || sslStatus === "expired") return "failed";
  return "pending";
}

export function dnsRecords(hostname: CustomHostname, cnameTarget: string): DnsRecord[] {
  const records: DnsRecord[] = [
    {
      type: "CNAME",
      name: hostname.hostname,
      value: cnameTarget,
      purpose: "Sends visitors of your hostname to your page",
    },
  ];
  const ownership = hostname.ownership_verification;
  if (ownership && hostname.status !== "active") {
    records.push({
      type: "TXT",
      name: ownership.name,
      value: ownership.value,
      purpose: "Proves the hostname is yours",
    });
  }
  for (const validation of hostname.ssl?.validation_records ?? []) {
    if (validation.txt_name && validation.txt_value) {
      records.push({
        type: "TXT",
        name: validation.txt_name,
        value: validation.txt_value,
        purpose: "Lets the certificate be issued",
      });
    } else if (validation.http_url && validation.http_body) {
      records.push({
        type: "HTTP",
        name: validation.http_url,
        value: validation.http_body,
        purpose: "Lets the certificate be issued (served once the CNAME is in place)",
      });
    }
  }
  return records;
}

export function providerErrors(hostname: CustomHostname): string[] {
  return [
    ...(hostname.verification_errors ?? []),
    ...(hostname.ssl?.validation_errors ?? []).map((error) => error.message),
  ];
}
