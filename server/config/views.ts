import {
  CONFIG_SECTION_LABELS,
  CONFIG_SECTIONS,
  type ConfigHistory,
  type ConfigOverview,
  type ConfigSection,
  type ConfigSectionView,
  type ConfigVersion,
} from "../../core/contract/live-config";
import type { ConfigVersionRow } from "../../db/schema";
import type { Env } from "../env";
import { sectionDefaults, valueInForce } from "./sections";
import { latestVersion, listVersions } from "./versions";

/** What the admin app shows of live configuration (README "Live configuration"). */

const iso = (ms: number) => new Date(ms).toISOString();

export const toVersionView = (row: ConfigVersionRow): ConfigVersion => ({
  version: row.version,
  value: JSON.parse(row.valueJson) as Record<string, unknown>,
  created_by: row.createdBy,
  created_at: iso(row.createdAt),
  reason: row.reason,
  rolled_back_from: row.rolledBackFrom,
});

/**
 * A section as it is in force: read from D1 (not the cache), so the page shows what was last
 * written even before KV has propagated it.
 */
export async function sectionView(
  env: Pick<Env, "DB" | "CACHE">,
  section: ConfigSection,
): Promise<ConfigSectionView> {
  const latest = await latestVersion(env, section);
  const stored = latest ? (JSON.parse(latest.valueJson) as Record<string, unknown>) : null;
  return {
    section,
    label: CONFIG_SECTION_LABELS[section],
    version: latest?.version ?? 0,
    value: valueInForce(section, stored),
    defaults: sectionDefaults(section),
    updated_at: latest ? iso(latest.createdAt) : null,
    updated_by: latest?.createdBy ?? null,
    reason: latest?.reason ?? null,
  };
}

export async function configOverview(env: Pick<Env, "DB" | "CACHE">): Promise<ConfigOverview> {
  return { sections: await Promise.all(CONFIG_SECTIONS.map((s) => sectionView(env, s))) };
}

export async function configHistory(
  env: Pick<Env, "DB">,
  section: ConfigSection,
): Promise<ConfigHistory> {
  return { section, versions: (await listVersions(env, section)).map(toVersionView) };
}
