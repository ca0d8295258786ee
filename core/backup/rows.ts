/**
 * Row encoding for backups: one JSON object per line. JSON has no bytes type, so BLOB
 * columns travel as `{"$blob": "<base64>"}` and come back as the same bytes.
 */
export type SqlValue = string | number | null | ArrayBuffer | Uint8Array;
export type Row = Record<string, SqlValue>;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function encodeValue(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { $blob: toBase64(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) {
    return { $blob: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  // D1 returns BLOB columns as number arrays through some code paths.
  if (Array.isArray(value)) return { $blob: toBase64(Uint8Array.from(value as number[])) };
  return value;
}

function decodeValue(value: unknown): SqlValue {
  if (value && typeof value === "object" && "$blob" in value) {
    return fromBase64(String((value as { $blob: unknown }).$blob));
  }
  return value as SqlValue;
}

export function encodeRows(rows: Record<string, unknown>[]): string {
  return rows
    .map((row) => {
      const encoded: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) encoded[column] = encodeValue(value);
      return `${JSON.stringify(encoded)}\n`;
    })
    .join("");
}

export function decodeRows(ndjson: string): Row[] {
  return ndjson
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      const row: Row = {};
      for (const [column, value] of Object.entries(parsed)) row[column] = decodeValue(value);
      return row;
    });
}

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export function insertSql(table: string, columns: string[]): string {
  const cols = columns.map(quoteIdentifier).join(", ");
  const params = columns.map(() => "?").join(", ");
  return `INSERT INTO ${quoteIdentifier(table)} (${cols}) VALUES (${params})`;
}
