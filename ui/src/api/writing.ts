import type { Enhancement, EnhanceRequest } from "~core/contract/writing";
import type { ApiClient } from "~kit/api/client";

export const enhanceText = (api: ApiClient, body: EnhanceRequest) =>
  api.post<Enhancement>("/api/ai/enhance", body);
