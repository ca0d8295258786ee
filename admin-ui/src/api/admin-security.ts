import type { IpAllowlist, IpAllowlistRequest } from "~core/contract/admin-security";
import type { ApiClient } from "~kit/api/client";
import { keyed } from "./standing";

export type { IpAllowlist } from "~core/contract/admin-security";

const IP_ALLOWLIST = "/api/admin/security/ip-allowlist";

/** The super admins' IP allowlist and whether the caller's own address is inside it. */
export const getIpAllowlist = (api: ApiClient): Promise<IpAllowlist> =>
  api.get<IpAllowlist>(IP_ALLOWLIST);

/** Replaces the list (an empty one allows every address); needs a fresh second factor. */
export const replaceIpAllowlist = (
  api: ApiClient,
  body: IpAllowlistRequest,
  key: string,
): Promise<IpAllowlist> => api.put<IpAllowlist>(IP_ALLOWLIST, body, keyed(key));
