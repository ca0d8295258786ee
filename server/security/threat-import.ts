// The daily threat-intelligence import (README "Threat intelligence"): operators upload JSON
// Lines files under `threat-intel/import/` in R2; each file version (key and etag) is imported
// once, its entries upserted with the file name as their source, and the counts audited.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { THREAT_KINDS, THREAT_SEVERITIES } from "../../core/security/threat-kinds";
import { createDb } from "../../db/client";
import { threatIntelImports } from "../../db/schema";
import type { Env } from "../env";
import { recordAudit } from "../ops/audit";
import { canonicalThreatValue, type ThreatUpsert, upsertThreatEntries } from "./threat-intel";

export const THREAT_IMPORT_PREFIX = "threat-intel/import/";

/**
 * A Worker invocation may make about a thousand calls to KV and D1: one run writes at most this
 * many entries, and a file holding more is refused whole (split it).
 */
export const MAX_IMPORT_ENTRIES = 800;

const DAY_MS = 86_400_000;

const lineSchema = z
  .object({
    kind: z.enum(THREAT_KINDS),
    value: z.union([z.string().min(1).max(254), z.number().int().positive()]),
    severity: z.enum(THREAT_SEVERITIES),
    reason: z.string().trim().min(1).max(500),
    days: z.number().int().min(1).max(365).default(30),
  })
  .strict();

/** The entries of one file, and how many of its non-empty lines were not entries. */
export async function parseThreatFile(
  text: string,
  source: string,
  now: number,
): Promise<{ entries: ThreatUpsert[]; rejected: number }> {
  const entries: ThreatUpsert[] = [];
  let rejected = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    try {
      const parsed = lineSchema.parse(JSON.parse(line));
      entries.push({
        kind: parsed.kind,
        value: await canonicalThreatValue(parsed.kind, String(parsed.value)),
        severity: parsed.severity,
        source,
        reason: parsed.reason,
        expiresAt: now + parsed.days * DAY_MS,
      });
    } catch {
      rejected += 1;
    }
  }
  return { entries, rejected };
}

export interface ImportSummary {
  file: string;
  upserted: number;
  rejected: number;
}

const SYSTEM = { id: "cron", role: "system", ip: null, userAgent: null, requestId: null };

/**
 * Imports the files not imported yet, oldest upload first, within MAX_IMPORT_ENTRIES for the run;
 * the rest wait for the next day. A file's marker is written after its entries, so a run that
 * dies midway imports the file again (upserts: the same result).
 */
export async function importThreatIntel(env: Env, now: number): Promise<ImportSummary[]> {
  const db = createDb(env.DB);
  const listed = await env.FILES.list({ prefix: THREAT_IMPORT_PREFIX, limit: 1000 });
  const objects = listed.objects
    .filter((object) => /\.jsonl$/i.test(object.key))
    .sort((a, b) => a.uploaded.getTime() - b.uploaded.getTime());
  const summaries: ImportSummary[] = [];
  let budget = MAX_IMPORT_ENTRIES;
  for (const object of objects) {
    const id = `${object.key}@${object.etag}`;
    const [done] = await db
      .select({ id: threatIntelImports.id })
      .from(threatIntelImports)
      .where(eq(threatIntelImports.id, id))
      .limit(1);
    if (done) continue;
    const body = await env.FILES.get(object.key);
    if (!body) continue;
    const file = object.key.slice(THREAT_IMPORT_PREFIX.length);
    const { entries, rejected } = await parseThreatFile(await body.text(), file, now);
    const tooLarge = entries.length > MAX_IMPORT_ENTRIES;
    if (!tooLarge && entries.length > budget) break;
    const upserted = tooLarge ? 0 : await upsertThreatEntries(env, entries, "cron", now);
    budget -= upserted;
    const summary = {
      file,
      upserted,
      rejected: tooLarge ? entries.length + rejected : rejected,
    };
    await db.insert(threatIntelImports).values({
      id,
      objectKey: object.key,
      etag: object.etag,
      importedAt: now,
      upserted: summary.upserted,
      rejected: summary.rejected,
    });
    await recordAudit(
      env,
      { ...SYSTEM, at: now },
      {
        action: "threat_intel.imported",
        resourceType: "threat_intel_import",
        resourceId: id,
        details: { ...summary, too_large: tooLarge },
      },
    );
    summaries.push(summary);
  }
  return summaries;
}
