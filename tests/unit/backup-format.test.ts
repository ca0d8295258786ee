import { describe, expect, it } from "vitest";
import {
  BACKUP_PREFIX,
  backupFolder,
  backupIdFor,
  backupManifestSchema,
  backupTime,
  buildManifest,
  isBackedUpTable,
  isBackupId,
  isExpired,
  manifestKey,
  partKey,
  restoreOrder,
} from "../../core/backup/manifest";
import { decodeRows, encodeRows, insertSql, quoteIdentifier } from "../../core/backup/rows";
import { sha256Hex } from "../../core/security/crypto";

const DAY = 86_400_000;

describe("backup ids", () => {
  it("names a backup by its UTC second, and reads the time back", () => {
    const at = new Date("2026-11-25T14:05:09.987Z");
    const id = backupIdFor(at);
    expect(id).toBe("2026-11-25T14-05-09Z");
    expect(backupTime(id)?.toISOString()).toBe("2026-11-25T14:05:09.000Z");
    expect(backupIdFor(backupTime(id)!)).toBe(id);
    expect(isBackupId(id)).toBe(true);
  });

  it("sorts ids in time order as plain strings", () => {
    const times = [Date.UTC(2025, 0, 2), Date.UTC(2024, 11, 31, 23, 59, 59), Date.UTC(2026, 5, 1)];
    const ids = times.map((t) => backupIdFor(new Date(t)));
    expect([...ids].sort()).toEqual([ids[1], ids[0], ids[2]]);
  });

  it.each([
    "",
    "2026-11-25T14:05:09Z",
    "2026-11-25T14-05-09",
    "2026-11-25T14-05-09Z/../x",
    "2026-13-01T00-00-00Z",
    "2026-02-30T00-00-00Z",
    "2026-11-25T24-00-00Z",
    "2026-11-25T14-61-00Z",
  ])("rejects %j as a backup id", (id) => {
    expect(backupTime(id)).toBeNull();
    expect(isBackupId(id)).toBe(false);
  });

  it("expires a backup only once it is strictly older than the retention window", () => {
    const id = "2026-10-01T00-00-00Z";
    const taken = Date.UTC(2026, 9, 1);
    expect(isExpired(id, new Date(taken + 30 * DAY))).toBe(false);
    expect(isExpired(id, new Date(taken + 30 * DAY + 1))).toBe(true);
    expect(isExpired(id, new Date(taken - DAY))).toBe(false);
    expect(isExpired(id, new Date(taken + 2 * DAY), 1)).toBe(true);
    expect(isExpired("not-a-backup", new Date(taken + 400 * DAY))).toBe(false);
  });
});

describe("backup keys", () => {
  it("puts everything of a backup under its folder", () => {
    const id = "2026-11-25T14-00-00Z";
    expect(backupFolder(id)).toBe(`${BACKUP_PREFIX}${id}/`);
    expect(manifestKey(id)).toBe("backups/d1/2026-11-25T14-00-00Z/manifest.json");
    expect(partKey(id, "jobs", 1)).toBe("backups/d1/2026-11-25T14-00-00Z/jobs/part-00001.ndjson");
    expect(partKey(id, "jobs", 12345)).toMatch(/\/part-12345\.ndjson$/);
  });

  it("encodes odd table names so they stay one key segment", () => {
    const key = partKey("2026-11-25T14-00-00Z", 'we"ird/ta ble?#%', 2);
    expect(key).toBe(
      "backups/d1/2026-11-25T14-00-00Z/we%22ird%2Fta%20ble%3F%23%25/part-00002.ndjson",
    );
    expect(key.split("/")).toHaveLength(5);
  });

  it("skips SQLite's and Cloudflare's own tables", () => {
    expect(isBackedUpTable("jobs")).toBe(true);
    expect(isBackedUpTable("d1_migrations")).toBe(true);
    expect(isBackedUpTable("sqlite_sequence")).toBe(false);
    expect(isBackedUpTable("_cf_KV")).toBe(false);
  });
});

describe("buildManifest", () => {
  const part = (rows: number, bytes: number) => ({
    key: `k${rows}`,
    rows,
    bytes,
    sha256: "a".repeat(64),
  });

  it("totals tables, rows and bytes and passes its own schema", () => {
    const manifest = buildManifest(
      "2026-11-25T14-00-00Z",
      [
        {
          name: "a",
          createSql: "CREATE TABLE a (x)",
          columns: ["x"],
          references: [],
          rows: 3,
          parts: [part(2, 10), part(1, 5)],
        },
        {
          name: "b",
          createSql: "CREATE TABLE b (y)",
          columns: ["y"],
          references: ["a"],
          rows: 0,
          parts: [part(0, 0)],
        },
      ],
      ["CREATE INDEX i ON a (x)"],
    );
    expect(manifest.totals).toEqual({ tables: 2, rows: 3, bytes: 15 });
    expect(manifest.createdAt).toBe("2026-11-25T14:00:00.000Z");
    expect(backupManifestSchema.parse(manifest)).toEqual(manifest);
  });

  it("is rejected by the schema when the format, id or checksums are wrong", () => {
    const manifest = buildManifest("2026-11-25T14-00-00Z", [], []);
    expect(backupManifestSchema.safeParse({ ...manifest, format: "v0" }).success).toBe(false);
    expect(backupManifestSchema.safeParse({ ...manifest, id: "latest" }).success).toBe(false);
    const badPart = { ...part(1, 1), sha256: "XYZ" };
    const table = {
      name: "a",
      createSql: "CREATE TABLE a (x)",
      columns: [],
      references: [],
      rows: 1,
      parts: [badPart],
    };
    expect(backupManifestSchema.safeParse({ ...manifest, tables: [table] }).success).toBe(false);
  });
});

describe("restoreOrder", () => {
  const t = (name: string, references: string[] = []) => ({ name, references });
  const names = (tables: { name: string }[]) => tables.map((table) => table.name);

  it("puts every table after the tables it references, keeping the rest in order", () => {
    const ordered = restoreOrder([
      t("job_events", ["jobs"]),
      t("backups"),
      t("jobs"),
      t("z", ["job_events"]),
    ]);
    expect(names(ordered)).toEqual(["jobs", "job_events", "backups", "z"]);
  });

  it("survives self-references, cycles and references to tables not in the backup", () => {
    const ordered = restoreOrder([t("a", ["b"]), t("b", ["a"]), t("c", ["c", "gone"])]);
    expect(names(ordered).sort()).toEqual(["a", "b", "c"]);
    expect(ordered).toHaveLength(3);
  });
});

describe("row encoding", () => {
  it("round-trips text, numbers and nulls, one line per row", () => {
    const rows = [
      { id: 1, text: 'quotes " and \\ and\nnew\r\nlines', n: 1.5, none: null },
      { id: 2, text: "ünïcödé ✓ 日本語 🚀 \u2028", n: 0, none: null },
    ];
    const ndjson = encodeRows(rows);
    expect(ndjson.split("\n")).toHaveLength(3);
    expect(ndjson.endsWith("\n")).toBe(true);
    expect(decodeRows(ndjson)).toEqual(rows);
  });

  it("round-trips blobs given as Uint8Array, ArrayBuffer, a view into a larger buffer, or numbers", () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 255]);
    const larger = new Uint8Array([9, 9, 0, 1, 127, 128, 255, 9]);
    const rows = [
      { b: bytes },
      { b: bytes.buffer },
      { b: larger.subarray(2, 7) },
      { b: [0, 1, 127, 128, 255] },
      { b: new Uint8Array(0) },
    ];
    const decoded = decodeRows(encodeRows(rows));
    for (const row of decoded.slice(0, 4)) {
      expect(row.b).toBeInstanceOf(Uint8Array);
      expect([...(row.b as Uint8Array)]).toEqual([0, 1, 127, 128, 255]);
    }
    expect([...(decoded[4]!.b as Uint8Array)]).toEqual([]);
  });

  it("keeps a text value that looks like a blob marker as text", () => {
    const rows = [{ t: '{"$blob":"AAE="}' }];
    expect(decodeRows(encodeRows(rows))).toEqual(rows);
  });

  it("decodes empty input and ignores blank lines", () => {
    expect(decodeRows("")).toEqual([]);
    expect(decodeRows('{"a":1}\n\n{"a":2}\n')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("fails loudly on a corrupt line instead of skipping it", () => {
    expect(() => decodeRows('{"a":1}\n{"a":')).toThrow();
  });
});

describe("SQL helpers", () => {
  it("quotes identifiers, doubling embedded quotes", () => {
    expect(quoteIdentifier("jobs")).toBe('"jobs"');
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(quoteIdentifier('"; DROP TABLE x; --')).toBe('"""; DROP TABLE x; --"');
  });

  it("builds a parameterised insert with every identifier quoted", () => {
    expect(insertSql('t"1', ["a", 'b"c', "order"])).toBe(
      'INSERT INTO "t""1" ("a", "b""c", "order") VALUES (?, ?, ?)',
    );
  });

  it("hashes UTF-8 text to lowercase hex SHA-256", async () => {
    expect(await sha256Hex("")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(await sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(await sha256Hex("é")).not.toBe(await sha256Hex("e\u0301"));
  });
});
