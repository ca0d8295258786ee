import type {
  EmailPreview,
  EmailTemplateCatalog,
  EmailTestSend,
} from "~core/contract/config-email";
import type {
  ConfigHistory,
  ConfigOverview,
  ConfigRollbackRequest,
  ConfigSection,
  ConfigSectionView,
  ConfigUpdateRequest,
} from "~core/contract/live-config";
import type { EmailText } from "~core/email/texts";
import type { ApiClient } from "~kit/api/client";
import { keyed } from "../api/standing";

/** Live configuration (README "Live configuration"): `system.config`, super admins only. */

const BASE = "/api/admin/config";

export const getConfig = (api: ApiClient): Promise<ConfigOverview> => api.get<ConfigOverview>(BASE);

export const getConfigHistory = (api: ApiClient, section: ConfigSection): Promise<ConfigHistory> =>
  api.get<ConfigHistory>(`${BASE}/${section}/versions`);

export const saveConfig = (
  api: ApiClient,
  section: ConfigSection,
  body: ConfigUpdateRequest,
  key: string,
): Promise<ConfigSectionView> => api.put<ConfigSectionView>(`${BASE}/${section}`, body, keyed(key));

export const rollbackConfig = (
  api: ApiClient,
  section: ConfigSection,
  body: ConfigRollbackRequest,
  key: string,
): Promise<ConfigSectionView> =>
  api.post<ConfigSectionView>(`${BASE}/${section}/rollback`, body, keyed(key));

const EMAIL = `${BASE}/email`;

export const getEmailCatalog = (api: ApiClient): Promise<EmailTemplateCatalog> =>
  api.get<EmailTemplateCatalog>(EMAIL);

export const previewEmail = (
  api: ApiClient,
  key: string,
  text: EmailText | null,
): Promise<EmailPreview> =>
  api.post<EmailPreview>(`${EMAIL}/${encodeURIComponent(key)}/preview`, { text });

export const sendTestEmail = (
  api: ApiClient,
  key: string,
  text: EmailText | null,
  idempotencyKey: string,
): Promise<EmailTestSend> =>
  api.post<EmailTestSend>(
    `${EMAIL}/${encodeURIComponent(key)}/test`,
    { text },
    keyed(idempotencyKey),
  );
