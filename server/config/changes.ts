import type { ConfigSection } from "../../core/contract/live-config";
import type { ConfigVersionRow } from "../../db/schema";
import type { Actor } from "../actor";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../ops/audit";
import { cachePointer, cacheValue } from "./cache";
import { sectionSchema } from "./sections";
import { appendVersion, latestVersion, versionOf } from "./versions";

/**
 * Changing live configuration (README "Live configuration"): a new version (an edit, or a
 * rollback copying an earlier version's value), then the cache pointer moves to it, then the
 * audit row. Nothing is ever updated in place.
 */

type ConfigEnv = Pick<Env, "DB" | "CACHE">;

/** The section's schema, or 400 `validation_failed` with the zod issues under `value`. */
function validated(section: ConfigSection, value: unknown): Record<string, unknown> {
  const parsed = sectionSchema(section).safeParse(value);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  throw new AppError(
    400,
    "validation_failed",
    "The value does not fit the section",
    parsed.error.issues.map((issue) => ({
      ...issue,
      path: ["value", ...issue.path],
      location: "json",
    })),
  );
}

async function publish(
  env: ConfigEnv,
  row: ConfigVersionRow,
  value: Record<string, unknown>,
): Promise<void> {
  const section = row.section as ConfigSection;
  await cacheValue(env, section, row.version, value);
  await cachePointer(env, section, row.version, "writer");
}

export async function updateSection(
  env: Env,
  actor: Actor,
  section: ConfigSection,
  input: { value: unknown; reason: string },
): Promise<ConfigVersionRow> {
  const value = validated(section, input.value);
  const before = (await latestVersion(env, section))?.version ?? 0;
  const row = await appendVersion(env, {
    section,
    valueJson: JSON.stringify(value),
    createdBy: actor.id,
    createdAt: actor.at,
    reason: input.reason,
    rolledBackFrom: null,
  });
  await publish(env, row, value);
  await recordAudit(env, actor, {
    action: "config.updated",
    resourceType: "config",
    resourceId: section,
    details: { section, from_version: before, version: row.version, reason: input.reason },
  });
  return row;
}

export async function rollbackSection(
  env: Env,
  actor: Actor,
  section: ConfigSection,
  input: { version: number; reason: string },
): Promise<ConfigVersionRow> {
  const target = await versionOf(env, section, input.version);
  if (!target) throw notFound("Version");
  // Validated again: the schema may have tightened since that version was written.
  const value = validated(section, JSON.parse(target.valueJson));
  const before = (await latestVersion(env, section))?.version ?? 0;
  const row = await appendVersion(env, {
    section,
    valueJson: JSON.stringify(value),
    createdBy: actor.id,
    createdAt: actor.at,
    reason: input.reason,
    rolledBackFrom: target.version,
  });
  await publish(env, row, value);
  await recordAudit(env, actor, {
    action: "config.rolled_back",
    resourceType: "config",
    resourceId: section,
    details: {
      section,
      from_version: before,
      to_version: target.version,
      version: row.version,
      reason: input.reason,
    },
  });
  return row;
}
