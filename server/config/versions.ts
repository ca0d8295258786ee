import { and, desc, eq, sql } from "drizzle-orm";
import type { ConfigSection } from "../../core/contract/live-config";
import { createDb } from "../../db/client";
import { type ConfigVersionRow, configVersions } from "../../db/schema";
import type { Env } from "../env";

/**
 * The versions of live configuration in D1 (README "Live configuration"): rows are only ever
 * added, so the table is the history.
 */

/** The history page shows this many versions, newest first. */
export const HISTORY_LIMIT = 100;

export async function latestVersion(
  env: Pick<Env, "DB">,
  section: ConfigSection,
): Promise<ConfigVersionRow | null> {
  const [row] = await createDb(env.DB)
    .select()
    .from(configVersions)
    .where(eq(configVersions.section, section))
    .orderBy(desc(configVersions.version))
    .limit(1);
  return row ?? null;
}

export async function versionOf(
  env: Pick<Env, "DB">,
  section: ConfigSection,
  version: number,
): Promise<ConfigVersionRow | null> {
  const [row] = await createDb(env.DB)
    .select()
    .from(configVersions)
    .where(and(eq(configVersions.section, section), eq(configVersions.version, version)));
  return row ?? null;
}

export function listVersions(
  env: Pick<Env, "DB">,
  section: ConfigSection,
): Promise<ConfigVersionRow[]> {
  return createDb(env.DB)
    .select()
    .from(configVersions)
    .where(eq(configVersions.section, section))
    .orderBy(desc(configVersions.version))
    .limit(HISTORY_LIMIT);
}

export interface NewVersion {
  section: ConfigSection;
  valueJson: string;
  createdBy: string;
  createdAt: number;
  reason: string;
  rolledBackFrom: number | null;
}

/**
 * Appends the section's next version. The number is taken in the INSERT itself and D1 runs one
 * statement at a time, so two admins saving at once get two versions, neither lost.
 */
export async function appendVersion(
  env: Pick<Env, "DB">,
  entry: NewVersion,
): Promise<ConfigVersionRow> {
  const next = sql`(SELECT coalesce(max(${configVersions.version}), 0) + 1 FROM ${configVersions} WHERE ${configVersions.section} = ${entry.section})`;
  const [row] = await createDb(env.DB)
    .insert(configVersions)
    .values({ ...entry, version: next })
    .returning();
  if (!row) throw new Error(`config version of ${entry.section} was not written`);
  return row;
}
