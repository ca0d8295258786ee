import { count, desc, eq, inArray } from "drizzle-orm";
import {
  BACKUP_PREFIX,
  type BackupManifest,
  type BackupTable,
  backupFolder,
  backupManifestSchema,
  buildManifest,
  isBackedUpTable,
  isExpired,
  isExternalContentIndex,
  isShadowTable,
  manifestKey,
  partKey,
  ROWS_PER_PART,
  restoreOrder,
} from "../../core/backup/manifest";
import { decodeRows, encodeRows, insertSql, quoteIdentifier } from "../../core/backup/rows";
import { sha256Hex } from "../../core/security/crypto";
import { createDb } from "../../db/client";
import { backups } from "../../db/schema";
import type { Env } from "../env";

type BackupEnv = Pick<Env, "DB" | "FILES">;

export interface SchemaObject {
  type: "table" | "index" | "trigger" | "view";
  name: string;
  sql: string;
}

/** The schema as SQLite stores it; tables first so restore can create them before indexes. */
export async function readSchema(db: D1Database): Promise<SchemaObject[]> {
  const { results } = await db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid",
    )
    .all<SchemaObject>();
  const virtualTables = results
    .filter((object) => object.type === "table" && /^CREATE\s+VIRTUAL\b/i.test(object.sql))
    .map((object) => object.name);
  // A full-text index's shadow tables come back with CREATE VIRTUAL TABLE, not from the backup.
  return results.filter(
    (object) => isBackedUpTable(object.name) && !isShadowTable(object.name, virtualTables),
  );
}

/** Dumps one table to R2 in NDJSON parts; rerunning it rewrites the same objects. */
export async function dumpTable(
  env: BackupEnv,
  backupId: string,
  table: SchemaObject,
): Promise<BackupTable> {
  const pragma = await env.DB.prepare(`PRAGMA table_info(${quoteIdentifier(table.name)})`).all<{
    name: string;
  }>();
  const columns = pragma.results.map((column) => column.name);
  const foreignKeys = await env.DB.prepare(
    `PRAGMA foreign_key_list(${quoteIdentifier(table.name)})`,
  ).all<{ table: string }>();
  const references = [...new Set(foreignKeys.results.map((key) => key.table))];
  // An external-content index holds no rows of its own; restore rebuilds it.
  if (isExternalContentIndex(table.sql)) {
    return { name: table.name, createSql: table.sql, columns, references, rows: 0, parts: [] };
  }
  const order = /WITHOUT\s+ROWID/i.test(table.sql) ? "1" : "rowid";
  const parts: BackupTable["parts"] = [];
  let rows = 0;
  for (let part = 1; ; part++) {
    const { results } = await env.DB.prepare(
      `SELECT * FROM ${quoteIdentifier(table.name)} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
      .bind(ROWS_PER_PART, rows)
      .all<Record<string, unknown>>();
    if (results.length === 0 && part > 1) break;
    const body = encodeRows(results);
    const key = partKey(backupId, table.name, part);
    const sha256 = await sha256Hex(body);
    await env.FILES.put(key, body, {
      httpMetadata: { contentType: "application/x-ndjson" },
      customMetadata: { sha256 },
    });
    parts.push({ key, rows: results.length, bytes: new TextEncoder().encode(body).length, sha256 });
    rows += results.length;
    if (results.length < ROWS_PER_PART) break;
  }
  return { name: table.name, createSql: table.sql, columns, references, rows, parts };
}

export async function writeManifest(
  env: BackupEnv,
  backupId: string,
  tables: BackupTable[],
  extraSql: string[],
  now: number,
): Promise<BackupManifest> {
  const manifest = buildManifest(backupId, tables, extraSql);
  await env.FILES.put(manifestKey(backupId), JSON.stringify(manifest, null, 2), {
    httpMetadata: { contentType: "application/json" },
  });
  await createDb(env.DB)
    .update(backups)
    .set({
      status: "complete",
      manifestKey: manifestKey(backupId),
      tableCount: manifest.totals.tables,
      rowCount: manifest.totals.rows,
      bytes: manifest.totals.bytes,
      completedAt: now,
    })
    .where(eq(backups.id, backupId));
  return manifest;
}

export async function recordBackupStart(
  env: BackupEnv,
  backupId: string,
  jobId: string,
  now: number,
) {
  await createDb(env.DB)
    .insert(backups)
    .values({ id: backupId, jobId, status: "running", createdAt: now })
    .onConflictDoNothing();
}

/** Backup ids present in R2, oldest first. */
export async function listStoredBackupIds(bucket: R2Bucket): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: BACKUP_PREFIX, delimiter: "/", cursor });
    for (const prefix of page.delimitedPrefixes) ids.push(prefix.slice(BACKUP_PREFIX.length, -1));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return ids.sort();
}

/** Deletes every backup older than the retention window, measured from `now`. */
export async function pruneBackups(env: BackupEnv, now: Date): Promise<string[]> {
  const expired = (await listStoredBackupIds(env.FILES)).filter((id) => isExpired(id, now));
  for (const id of expired) {
    let cursor: string | undefined;
    do {
      const page = await env.FILES.list({ prefix: backupFolder(id), cursor });
      if (page.objects.length) await env.FILES.delete(page.objects.map((object) => object.key));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
  if (expired.length) {
    await createDb(env.DB)
      .update(backups)
      .set({ status: "pruned" })
      .where(inArray(backups.id, expired));
  }
  return expired;
}

export async function listBackups(env: Pick<Env, "DB">, page: number, perPage: number) {
  const db = createDb(env.DB);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(backups)
      .orderBy(desc(backups.createdAt))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ value: count() }).from(backups),
  ]);
  return { rows, total: total?.value ?? 0 };
}

export class RestoreError extends Error {
  constructor(
    readonly code:
      | "backup_not_found"
      | "target_not_empty"
      | "checksum_mismatch"
      | "invalid_manifest",
    message: string,
  ) {
    super(message);
    this.name = "RestoreError";
  }
}

export async function readManifest(bucket: R2Bucket, backupId: string): Promise<BackupManifest> {
  const object = await bucket.get(manifestKey(backupId));
  if (!object) throw new RestoreError("backup_not_found", `No backup ${backupId} in storage`);
  const text = await object.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RestoreError("invalid_manifest", `Manifest of ${backupId} is not valid JSON`);
  }
  const parsed = backupManifestSchema.safeParse(json);
  if (!parsed.success)
    throw new RestoreError("invalid_manifest", `Manifest of ${backupId} is invalid`);
  return parsed.data;
}

/** D1 caps a batch's size, so rows go in slices. */
const STATEMENTS_PER_BATCH = 200;

/**
 * Loads a backup into an empty database: schema, rows (checksums verified before anything
 * is written), then indexes and triggers. Refuses a database that already has tables.
 */
export async function restoreBackup(
  source: R2Bucket,
  target: D1Database,
  backupId: string,
): Promise<{ tables: number; rows: number }> {
  const manifest = await readManifest(source, backupId);
  const existing = await readSchema(target);
  if (existing.some((object) => object.type === "table")) {
    throw new RestoreError("target_not_empty", "The target database already has tables");
  }
  const partsByKey = new Map<string, string>();
  for (const table of manifest.tables) {
    for (const part of table.parts) {
      const object = await source.get(part.key);
      const body = object ? await object.text() : null;
      if (body === null || (await sha256Hex(body)) !== part.sha256) {
        throw new RestoreError(
          "checksum_mismatch",
          `Backup part ${part.key} is missing or corrupt`,
        );
      }
      partsByKey.set(part.key, body);
    }
  }
  await target.batch(manifest.tables.map((table) => target.prepare(table.createSql)));
  let rows = 0;
  for (const table of restoreOrder(manifest.tables)) {
    const insert = insertSql(table.name, table.columns);
    for (const part of table.parts) {
      const decoded = decodeRows(partsByKey.get(part.key) ?? "");
      for (let i = 0; i < decoded.length; i += STATEMENTS_PER_BATCH) {
        const slice = decoded.slice(i, i + STATEMENTS_PER_BATCH);
        await target.batch([
          target.prepare("PRAGMA defer_foreign_keys = on"),
          ...slice.map((row) =>
            target.prepare(insert).bind(...table.columns.map((c) => row[c] ?? null)),
          ),
        ]);
        rows += slice.length;
      }
    }
  }
  if (manifest.extraSql.length) await target.batch(manifest.extraSql.map((s) => target.prepare(s)));
  for (const table of manifest.tables.filter((t) => isExternalContentIndex(t.createSql))) {
    const name = quoteIdentifier(table.name);
    await target.prepare(`INSERT INTO ${name}(${name}) VALUES ('rebuild')`).run();
  }
  return { tables: manifest.tables.length, rows };
}
