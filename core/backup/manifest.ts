import { z } from "zod";

/** Backups live under `backups/d1/{id}/`, where the id is the UTC time it was taken. */
export const BACKUP_PREFIX = "backups/d1/";
export const BACKUP_RETENTION_DAYS = 30;
/** Rows per NDJSON part: keeps each R2 object and each Worker's memory use small. */
export const ROWS_PER_PART = 2000;

/** A backup's catalogue row (`backups.status`): being written, done, or past retention. */
export const BACKUP_STATUSES = ["running", "complete", "pruned"] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

const BACKUP_ID = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/;

/** `2026-11-25T14:00:00.000Z` → `2026-11-25T14-00-00Z`: sortable and safe in a key. */
export function backupIdFor(at: Date): string {
  return `${at.toISOString().slice(0, 19).replaceAll(":", "-")}Z`;
}

export function backupTime(id: string): Date | null {
  const match = BACKUP_ID.exec(id);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  // Rejects impossible times: JavaScript rolls 30 February into March, or gives NaN.
  return Number.isNaN(at.getTime()) || backupIdFor(at) !== id ? null : at;
}

export const isBackupId = (id: string): boolean => backupTime(id) !== null;

export function isExpired(id: string, now: Date, retentionDays = BACKUP_RETENTION_DAYS): boolean {
  const taken = backupTime(id);
  if (!taken) return false;
  return now.getTime() - taken.getTime() > retentionDays * 86_400_000;
}

export const backupFolder = (id: string): string => `${BACKUP_PREFIX}${id}/`;
export const manifestKey = (id: string): string => `${backupFolder(id)}manifest.json`;
export const partKey = (id: string, table: string, part: number): string =>
  `${backupFolder(id)}${encodeURIComponent(table)}/part-${String(part).padStart(5, "0")}.ndjson`;

/** SQLite and Cloudflare keep their own bookkeeping tables; restoring them would fail. */
export function isBackedUpTable(name: string): boolean {
  return !name.startsWith("sqlite_") && !name.startsWith("_cf_");
}

/**
 * A full-text index (FTS5) that reads its rows from another table (`content='users'`, see
 * README "Admin: users"): its rows are that table's, so a backup keeps no rows of its own and
 * restore rebuilds the index once the content table is back.
 */
export function isExternalContentIndex(createSql: string): boolean {
  return /^CREATE\s+VIRTUAL\s+TABLE\b[\s\S]*\bUSING\s+fts5\s*\([\s\S]*\bcontent\s*=\s*'[^']+'/i.test(
    createSql,
  );
}

/** The tables FTS5 keeps a virtual table's index in; CREATE VIRTUAL TABLE makes them itself. */
const FTS5_SHADOW_SUFFIXES = ["_data", "_idx", "_content", "_docsize", "_config"];

export function isShadowTable(name: string, virtualTables: readonly string[]): boolean {
  return virtualTables.some((table) =>
    FTS5_SHADOW_SUFFIXES.some((suffix) => name === `${table}${suffix}`),
  );
}

export const backupPartSchema = z.object({
  key: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const backupTableSchema = z.object({
  name: z.string().min(1),
  createSql: z.string().min(1),
  columns: z.array(z.string()),
  /** Tables this one has foreign keys to: restored before it. */
  references: z.array(z.string()).default([]),
  rows: z.number().int().nonnegative(),
  parts: z.array(backupPartSchema),
});

export const backupManifestSchema = z.object({
  format: z.literal("resume-builder.d1-backup.v1"),
  id: z.string().refine(isBackupId, "not a backup id"),
  createdAt: z.string(),
  tables: z.array(backupTableSchema),
  /** Indexes and triggers are recreated after the rows are in. */
  extraSql: z.array(z.string()),
  totals: z.object({
    tables: z.number().int(),
    rows: z.number().int(),
    bytes: z.number().int(),
  }),
});

export type BackupPart = z.infer<typeof backupPartSchema>;
export type BackupTable = z.infer<typeof backupTableSchema>;
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export function buildManifest(
  id: string,
  tables: BackupTable[],
  extraSql: string[],
): BackupManifest {
  return {
    format: "resume-builder.d1-backup.v1",
    id,
    createdAt: backupTime(id)?.toISOString() ?? new Date(0).toISOString(),
    tables,
    extraSql,
    totals: {
      tables: tables.length,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      bytes: tables.reduce((sum, t) => sum + t.parts.reduce((s, p) => s + p.bytes, 0), 0),
    },
  };
}

/**
 * Tables in an order where every table comes after the tables it references, because D1
 * checks foreign keys when each batch commits. Cycles (and self-references) keep their
 * original order; deferred foreign keys cover rows within one batch.
 */
export function restoreOrder<T extends { name: string; references: string[] }>(tables: T[]): T[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: T[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: T) => {
    if (state.has(table.name)) return;
    state.set(table.name, "visiting");
    for (const parent of table.references) {
      const dependency = byName.get(parent);
      if (dependency && parent !== table.name) visit(dependency);
    }
    state.set(table.name, "done");
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}
