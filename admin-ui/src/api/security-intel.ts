import type {
  SecurityAlertView,
  ThreatEntryRequest,
  ThreatEntryView,
} from "~core/contract/security-intel";
import type { AlertSeverity, AlertState } from "~core/security/alerts";
import type { ThreatKind, ThreatSeverity } from "~core/security/threat-kinds";
import type { ApiClient, ListPage } from "~kit/api/client";
import { keyed } from "./standing";

/** README "Threat intelligence" and "Security alerts". */

export { ALERT_SEVERITIES, ALERT_STATES } from "~core/security/alerts";
export { THREAT_KINDS, THREAT_SEVERITIES } from "~core/security/threat-kinds";
export type {
  AlertSeverity,
  AlertState,
  SecurityAlertView,
  ThreatEntryRequest,
  ThreatEntryView,
  ThreatKind,
  ThreatSeverity,
};

export const SECURITY_PER_PAGE = 25;

const THREATS = "/api/admin/threats";
const ALERTS = "/api/admin/security-alerts";

export interface ThreatFilters {
  q?: string;
  kind?: ThreatKind;
  severity?: ThreatSeverity;
  page: number;
}

export const listThreats = (api: ApiClient, filters: ThreatFilters) =>
  api.list<ThreatEntryView>(THREATS, { query: { ...filters, per_page: SECURITY_PER_PAGE } });

export const addThreat = (api: ApiClient, body: ThreatEntryRequest, key: string) =>
  api.post<ThreatEntryView>(THREATS, body, keyed(key));

export const removeThreat = (api: ApiClient, entry: string, key: string) =>
  api.post<{ key: string }>(`${THREATS}/remove`, { key: entry }, keyed(key));

export interface AlertFilters {
  state?: AlertState;
  severity?: AlertSeverity;
  page: number;
}

export const listSecurityAlerts = (
  api: ApiClient,
  filters: AlertFilters,
): Promise<ListPage<SecurityAlertView>> =>
  api.list<SecurityAlertView>(ALERTS, { query: { ...filters, per_page: SECURITY_PER_PAGE } });

export const getSecurityAlert = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<SecurityAlertView>(`${ALERTS}/${encodeURIComponent(id)}`, { signal });

export const actOnSecurityAlert = (
  api: ApiClient,
  id: string,
  action: "acknowledge" | "resolve",
  note: string,
  key: string,
) =>
  api.post<SecurityAlertView>(
    `${ALERTS}/${encodeURIComponent(id)}/${action}`,
    { note },
    keyed(key),
  );
