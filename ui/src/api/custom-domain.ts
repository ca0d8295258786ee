import type {
  CustomDomainRequest,
  CustomDomainResult,
  CustomDomainView,
} from "~core/contract/custom-domains";
import type { ApiClient } from "~kit/api/client";

/** The account's own domain (README "Custom domains"). */
export const fetchCustomDomain = (api: ApiClient, signal?: AbortSignal) =>
  api.get<CustomDomainResult>("/api/account/domain", { signal });

export const saveCustomDomain = (api: ApiClient, request: CustomDomainRequest) =>
  api.put<CustomDomainView>("/api/account/domain", request);

export const checkCustomDomain = (api: ApiClient) =>
  api.post<CustomDomainView>("/api/account/domain/check");

export const removeCustomDomain = (api: ApiClient) =>
  api.delete<CustomDomainResult>("/api/account/domain");

/** Local runs only: the stand-in for Cloudflare treats the DNS records as added. */
export const markLocalDnsAdded = (api: ApiClient, hostname: string) =>
  api.post<{ hostname: string }>("/api/dev/custom-domains/dns", { hostname });
