import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ftsPrefixQuery } from "../../core/admin/user-search";
import {
  BACKUP_PREFIX,
  backupFolder,
  isExternalContentIndex,
  manifestKey,
  partKey,
  ROWS_PER_PART,
  restoreOrder,
} from "../../core/backup/manifest";
import { quoteIdentifier } from "../../core/backup/rows";
import {
  dumpTable,
  pruneBackups,
  RestoreError,
  readSchema,
  recordBackupStart,
  restoreBackup,
  writeManifest,
} from "../../server/ops/backups";

// Storage is shared by the tests of this file, so every test takes its own backup id. The
// restore tests use 2031 ids and the pruning test prunes as of mid-2030, so pruning never
// sees (or deletes) the restore tests' backups.

const ODD = 'odd "t" name';
const BULK = "bulk rows";
const PAIRS = "pairs";

async function seed() {
  const db = env.DB;
  await db.batch([
    db.prepare(
      `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(ODD)} ("id" INTEGER PRIMARY KEY, "select" TEXT, "data" BLOB, "ratio" REAL, "big" INTEGER)`,
    ),
    db.prepare(
      `CREATE INDEX IF NOT EXISTS "odd idx" ON ${quoteIdentifier(ODD)} ("select", "ratio")`,
    ),
    db
      .prepare(
        "INSERT OR IGNORE INTO system_config (key, value_json, description, updated_at, updated_by) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)",
      )
      .bind(
        "ключ ✓ 🚀",
        JSON.stringify({ text: 'She said "hi"\nthen left', emoji: "👩🏽‍💻" }),
        "O'Brien's \"quoted\"\r\nline two\ttab \\ backslash \u2028 separator",
        1_764_000_000_000,
        "tester",
        "plain",
        "null",
        "",
        0,
        "tester",
      ),
    db.prepare(
      "INSERT OR IGNORE INTO jobs (id, kind, owner_id, status, percent, revision, created_at, updated_at) VALUES ('job-nulls', 'export', 'user:1', 'queued', 0, 'r1', 1, 1)",
    ),
    db
      .prepare(
        "INSERT OR IGNORE INTO jobs (id, kind, owner_id, status, step, percent, result_json, error_code, error_message, revision, created_at, updated_at, started_at, finished_at) VALUES ('job-large', 'backup', 'system', 'succeeded', 'done', 100, ?, NULL, NULL, 'r2', 2, 3, 2, 3)",
      )
      .bind(JSON.stringify({ blob: "x".repeat(400_000), tail: "end ✓" })),
    db.prepare(
      "INSERT INTO job_events (job_id, status, step, percent, message, at) VALUES ('job-nulls', 'queued', NULL, 0, NULL, 1), ('job-large', 'succeeded', 'done', 100, 'line 1\nline 2', 3)",
    ),
    // The admin user search reads an FTS5 index over users (README "Admin: users"): restore must rebuild it.
    db.prepare(
      "INSERT OR IGNORE INTO users (id, email, name, status, plan, role, mfa_enabled, created_at, updated_at) VALUES ('user-restored', 'grace.restored@example.test', 'Grace Restorable', 'active', 'free', 'user', 0, 1, 1)",
    ),
    db
      .prepare(
        `INSERT OR IGNORE INTO ${quoteIdentifier(ODD)} ("id", "select", "data", "ratio", "big") VALUES (1, 'a', ?, 0.1, 9007199254740991), (2, NULL, NULL, -1.5e300, -42)`,
      )
      .bind(new Uint8Array([0, 1, 2, 253, 254, 255])),
    // Restore must create it after the rows too; were it created first, every restored "big" would be off.
    db.prepare(
      `CREATE TRIGGER IF NOT EXISTS "odd bump" AFTER INSERT ON ${quoteIdentifier(ODD)} BEGIN UPDATE ${quoteIdentifier(ODD)} SET "big" = "big" + 1 WHERE "id" = NEW."id"; END`,
    ),
  ]);
}

async function seedBulk() {
  await env.DB.batch([
    env.DB.prepare(
      `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(BULK)} (id INTEGER PRIMARY KEY, label TEXT)`,
    ),
    env.DB.prepare(
      `CREATE TABLE IF NOT EXISTS ${PAIRS} (grp INTEGER NOT NULL, seq INTEGER NOT NULL, note TEXT, PRIMARY KEY (seq, grp)) WITHOUT ROWID`,
    ),
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4500) INSERT OR IGNORE INTO ${quoteIdentifier(BULK)} SELECT i, 'row ' || i FROM n`,
    ),
    // Few distinct values in the first column, so paging must not rely on it alone.
    env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) INSERT OR IGNORE INTO ${PAIRS} SELECT i % 3, i, 'note ' || i FROM n`,
    ),
  ]);
}

const isWithoutRowid = (sql: string) => /WITHOUT\s+ROWID/i.test(sql);

/** Every row of every table, in storage order. */
async function snapshot(db: D1Database) {
  const tables = (await readSchema(db)).filter((object) => object.type === "table");
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) {
    const order = isWithoutRowid(table.sql) ? "1, 2, 3" : "rowid";
    const { results } = await db
      .prepare(`SELECT * FROM ${quoteIdentifier(table.name)} ORDER BY ${order}`)
      .all();
    rows[table.name] = results;
  }
  return rows;
}

const schemaOf = async (db: D1Database) =>
  (await readSchema(db)).sort((a, b) => `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`));

async function takeBackup(id: string) {
  await recordBackupStart(env, id, `backup-${id}`, Date.now());
  const schema = await readSchema(env.DB);
  const dumped = [];
  for (const table of schema.filter((object) => object.type === "table")) {
    dumped.push(await dumpTable(env, id, table));
  }
  const before = await snapshot(env.DB);
  const extraSql = schema.filter((object) => object.type !== "table").map((object) => object.sql);
  const manifest = await writeManifest(env, id, dumped, extraSql, Date.now());
  return { manifest, before };
}

/**
 * The restore target back to empty: one batch, so foreign keys are checked only at the end, and
 * children before the tables they reference (SQLite resolves a child's foreign keys when its
 * rows go, so a parent dropped first is "no such table").
 */
async function emptyTarget() {
  const db = env.RESTORE_TARGET;
  const tables = (await readSchema(db)).filter((object) => object.type === "table");
  if (tables.length === 0) return;
  const withReferences = await Promise.all(
    tables.map(async (table) => {
      const keys = await db
        .prepare(`PRAGMA foreign_key_list(${quoteIdentifier(table.name)})`)
        .all<{ table: string }>();
      return { name: table.name, references: keys.results.map((key) => key.table) };
    }),
  );
  await db.batch([
    db.prepare("PRAGMA defer_foreign_keys = on"),
    ...restoreOrder(withReferences)
      .reverse()
      .map((table) => db.prepare(`DROP TABLE ${quoteIdentifier(table.name)}`)),
  ]);
  expect((await readSchema(db)).filter((object) => object.type === "table")).toEqual([]);
}

async function restoreError(id: string): Promise<RestoreError> {
  const error = await restoreBackup(env.FILES, env.RESTORE_TARGET, id).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RestoreError);
  return error as RestoreError;
}

describe("restore round trip", () => {
  it("restores every table row for row, with indexes and triggers recreated", async () => {
    await seed();
    await emptyTarget();
    const id = "2031-01-01T00-00-01Z";
    const { manifest, before } = await takeBackup(id);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(["system_config", "jobs", "job_events", "backups", ODD]),
    );
    for (const table of manifest.tables) {
      // an external-content index reads its rows from its table and keeps none of its own
      const expected = isExternalContentIndex(table.createSql) ? 0 : before[table.name]!.length;
      expect(table.rows, table.name).toBe(expected);
    }
    expect(manifest.tables.find((t) => t.name === "job_events")!.references).toEqual(["jobs"]);

    const result = await restoreBackup(env.FILES, env.RESTORE_TARGET, id);
    expect(result).toEqual({ tables: manifest.tables.length, rows: manifest.totals.rows });

    const after = await snapshot(env.RESTORE_TARGET);
    expect(after).toEqual(before);
    expect(await schemaOf(env.RESTORE_TARGET)).toEqual(await schemaOf(env.DB));
    const indexes = await env.RESTORE_TARGET.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    ).all<{ name: string }>();
    expect(indexes.results.map((index) => index.name)).toEqual(
      expect.arrayContaining(["job_events_job_idx", "jobs_status_idx", "odd idx"]),
    );

    const config = await env.RESTORE_TARGET.prepare(
      "SELECT description FROM system_config WHERE key = ?",
    )
      .bind("ключ ✓ 🚀")
      .first<string>("description");
    expect(config).toBe("O'Brien's \"quoted\"\r\nline two\ttab \\ backslash \u2028 separator");
    const large = await env.RESTORE_TARGET.prepare(
      "SELECT result_json FROM jobs WHERE id = 'job-large'",
    ).first<string>("result_json");
    expect(JSON.parse(large!).blob).toHaveLength(400_000);
    const odd = await env.RESTORE_TARGET.prepare(
      `SELECT "data", "big" FROM ${quoteIdentifier(ODD)} WHERE "id" = 1`,
    ).first<{ data: number[]; big: number }>();
    expect([...odd!.data]).toEqual([0, 1, 2, 253, 254, 255]);
    expect(odd!.big).toBe(Number.MAX_SAFE_INTEGER);

    // the search index answers on the restored database as it did before
    const found = await env.RESTORE_TARGET.prepare(
      "SELECT u.id FROM users_search JOIN users u ON u.rowid = users_search.rowid WHERE users_search MATCH ?",
    )
      .bind(ftsPrefixQuery("restorable grac"))
      .all<{ id: string }>();
    expect(found.results.map((row) => row.id)).toEqual(["user-restored"]);
    const integrity = await env.RESTORE_TARGET.prepare(
      "INSERT INTO users_search(users_search, rank) VALUES ('integrity-check', 1)",
    ).run();
    expect(integrity.success).toBe(true);
  });

  it("refuses a target database that already has tables", async () => {
    await seed();
    await emptyTarget();
    const id = "2031-01-01T00-00-02Z";
    await takeBackup(id);
    await env.RESTORE_TARGET.prepare("CREATE TABLE keep_me (x TEXT)").run();
    await env.RESTORE_TARGET.prepare("INSERT INTO keep_me VALUES ('mine')").run();
    expect((await restoreError(id)).code).toBe("target_not_empty");
    const { results } = await env.RESTORE_TARGET.prepare("SELECT x FROM keep_me").all();
    expect(results).toEqual([{ x: "mine" }]);
    const tables = (await readSchema(env.RESTORE_TARGET)).filter((o) => o.type === "table");
    expect(tables.map((t) => t.name)).toEqual(["keep_me"]);
  });

  it("verifies every checksum before writing, so a corrupt part leaves the target empty", async () => {
    await seed();
    await emptyTarget();
    const id = "2031-01-01T00-00-03Z";
    const { manifest } = await takeBackup(id);
    // The last table's part is read last: everything before it already passed its check.
    const last = manifest.tables.at(-1)!.parts[0]!;
    const original = await (await env.FILES.get(last.key))!.text();
    await env.FILES.put(last.key, `${original}{"tampered":true}\n`);
    const error = await restoreError(id);
    expect(error.code).toBe("checksum_mismatch");
    expect(error.message).toContain(last.key);
    expect(await readSchema(env.RESTORE_TARGET)).toEqual([]);

    await env.FILES.delete(last.key);
    expect((await restoreError(id)).code).toBe("checksum_mismatch");
    expect(await readSchema(env.RESTORE_TARGET)).toEqual([]);
  });

  it("reports an unknown backup, and a manifest that is not a valid one", async () => {
    await emptyTarget();
    expect((await restoreError("2031-12-31T23-59-59Z")).code).toBe("backup_not_found");

    const broken = "2031-01-01T00-00-04Z";
    await env.FILES.put(manifestKey(broken), JSON.stringify({ format: "something else" }));
    expect((await restoreError(broken)).code).toBe("invalid_manifest");
    await env.FILES.put(manifestKey(broken), '{"format": "resume-builder.d1-back');
    expect((await restoreError(broken)).code).toBe("invalid_manifest");
    expect(await readSchema(env.RESTORE_TARGET)).toEqual([]);
  });

  it(`splits a table of more than ${ROWS_PER_PART} rows into parts and restores all of them`, async () => {
    await seed();
    await seedBulk();
    await emptyTarget();
    const id = "2031-01-01T00-00-05Z";
    const { manifest, before } = await takeBackup(id);
    const bulk = manifest.tables.find((table) => table.name === BULK)!;
    expect(bulk.rows).toBe(4500);
    expect(bulk.parts.map((part) => part.rows)).toEqual([2000, 2000, 500]);
    expect(bulk.parts.map((part) => part.key)).toEqual([1, 2, 3].map((n) => partKey(id, BULK, n)));
    const pairs = manifest.tables.find((table) => table.name === PAIRS)!;
    expect(pairs.parts.map((part) => part.rows)).toEqual([2000, 500]);

    await restoreBackup(env.FILES, env.RESTORE_TARGET, id);
    const after = await snapshot(env.RESTORE_TARGET);
    expect(after[BULK]).toHaveLength(4500);
    expect(after[PAIRS]).toHaveLength(2500);
    expect(after).toEqual(before);
  });
});

describe("pruning", () => {
  const NOW = new Date("2030-06-01T00:00:00Z");
  const OLD = ["2030-03-01T00-00-00Z", "2030-05-01T23-59-59Z"];
  const EDGE = "2030-05-02T00-00-00Z"; // exactly 30 days old: still kept
  const RECENT = "2030-05-31T12-00-00Z";

  it("deletes only backups past the 30-day window and marks their records pruned", async () => {
    for (const id of [...OLD, EDGE, RECENT]) {
      await recordBackupStart(env, id, `backup-${id}`, Date.now());
      await env.FILES.put(manifestKey(id), "{}");
      await env.FILES.put(`${backupFolder(id)}jobs/part-00001.ndjson`, "{}\n");
      await env.FILES.put(`${backupFolder(id)}jobs/part-00002.ndjson`, "{}\n");
    }
    await env.FILES.put(`${BACKUP_PREFIX}not-a-backup/readme.txt`, "keep");
    await env.FILES.put("backups/kv/2030-01-01T00-00-00Z/export.json", "keep");

    const pruned = await pruneBackups(env, NOW);
    expect(pruned).toEqual(OLD);

    for (const id of OLD) {
      const left = await env.FILES.list({ prefix: backupFolder(id) });
      expect(left.objects).toEqual([]);
    }
    for (const id of [EDGE, RECENT]) {
      const left = await env.FILES.list({ prefix: backupFolder(id) });
      expect(left.objects).toHaveLength(3);
    }
    expect(await env.FILES.head(`${BACKUP_PREFIX}not-a-backup/readme.txt`)).not.toBeNull();
    expect(await env.FILES.head("backups/kv/2030-01-01T00-00-00Z/export.json")).not.toBeNull();

    const { results } = await env.DB.prepare(
      "SELECT id, status FROM backups WHERE id LIKE '2030-%' ORDER BY id",
    ).all();
    expect(results).toEqual([
      { id: OLD[0], status: "pruned" },
      { id: OLD[1], status: "pruned" },
      { id: EDGE, status: "running" },
      { id: RECENT, status: "running" },
    ]);

    expect(await pruneBackups(env, NOW)).toEqual([]);
  });
});
