// Threat intelligence (README "Threat intelligence"). KV (`THREAT_INTEL`) is the fast path every
// /api and /r request reads before any other work; D1 (`threat_intel_entries`) is the catalogue
// admins list. Both are written together here, KV last, so a listed key always has its row.
import { and, count, desc, eq, like, lte, type SQL, sql } from "drizzle-orm";
import type { ThreatEntryView } from "../../core/contract/security-intel";
import {
  canonicalIpValue,
  decideThreat,
  emailHash,
  kvTtlSeconds,
  type RequestIdentity,
  requestKeys,
  type ThreatEntry,
  type ThreatKind,
  type ThreatMatch,
  type ThreatSeverity,
  type ThreatVerdict,
  threatKey,
} from "../../core/security/threat-intel";
import { createDb } from "../../db/client";
import { type ThreatIntelEntryRow, threatIntelEntries } from "../../db/schema";
import type { Actor } from "../actor";
import type { Env } from "../env";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../ops/audit";

const DAY_MS = 86_400_000;

/**
 * Values read in this isolate in the last 30 seconds, by key (at most 10,000). KV itself serves a
 * read from its edge cache for up to 60 seconds after a change elsewhere, so this adds no staleness
 * beyond what the list already has; a change made through this isolate clears its keys at once.
 */
const recent = new Map<string, { value: unknown; readAt: number }>();
const RECENT_MS = 30_000;
const RECENT_MAX = 10_000;

const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // written by hand, not an entry: reads as nothing
    return null;
  }
};

/** The values under `keys`, from this isolate's recent reads or KV in parallel. */
async function readKeys(env: Pick<Env, "THREAT_INTEL">, keys: string[]) {
  // wall-clock, not the request's time: the age of a read, which tests do not move
  const clock = Date.now();
  return Promise.all(
    keys.map(async (key) => {
      const held = recent.get(key);
      if (held && clock - held.readAt < RECENT_MS) return { key, value: held.value };
      const value = parse(await env.THREAT_INTEL.get(key));
      if (recent.size >= RECENT_MAX) recent.clear();
      recent.set(key, { value, readAt: clock });
      return { key, value };
    }),
  );
}

/** The verdict on a request's address, network, device and ASN: at most four parallel KV reads. */
export async function lookupThreat(
  env: Pick<Env, "THREAT_INTEL">,
  identity: RequestIdentity,
  now: number,
): Promise<ThreatVerdict> {
  const keys = requestKeys(identity);
  if (keys.length === 0) return { action: "pass" };
  return decideThreat(await readKeys(env, keys), now);
}

export const threatBlockedError = () =>
  new AppError(
    403,
    "threat_blocked",
    "This request was refused. If you think this is a mistake, contact support from another network.",
  );

/**
 * The sign-up and sign-in check of an email address: throws 403 `threat_blocked` when it is
 * listed `high`; returns the lower matches as risk signals.
 */
export async function checkEmailThreat(
  env: Pick<Env, "THREAT_INTEL">,
  email: string,
  now: number,
): Promise<ThreatMatch[]> {
  const verdict = decideThreat(
    await readKeys(env, [threatKey("email", await emailHash(email))]),
    now,
  );
  if (verdict.action === "block") throw threatBlockedError();
  return verdict.action === "signal" ? verdict.matches : [];
}

/**
 * The value an entry is stored under, or 400 `validation_failed`: an `ip` in canonical form, an
 * `email` hashed (a 64-hex value is taken as the hash already), an ASN as a plain number.
 */
export async function canonicalThreatValue(kind: ThreatKind, value: string): Promise<string> {
  const trimmed = value.trim();
  let canonical: string | null = null;
  if (kind === "ip") canonical = canonicalIpValue(trimmed);
  else if (kind === "email") {
    if (/^[0-9a-f]{64}$/i.test(trimmed)) canonical = trimmed.toLowerCase();
    else if (/^[^\s@]+@[^\s@]+$/.test(trimmed)) canonical = await emailHash(trimmed);
  } else if (kind === "asn") {
    canonical = /^(AS)?[1-9][0-9]{0,9}$/i.test(trimmed) ? trimmed.replace(/^AS/i, "") : null;
  } else canonical = /^[A-Za-z0-9_-]{8,128}$/.test(trimmed) ? trimmed : null;
  if (canonical === null) {
    const message = `Not a valid ${kind} value`;
    throw new AppError(400, "validation_failed", message, [{ path: ["value"], message }]);
  }
  return canonical;
}

export interface ThreatUpsert {
  kind: ThreatKind;
  /** Canonical (see canonicalThreatValue). */
  value: string;
  severity: ThreatSeverity;
  source: string;
  reason: string;
  expiresAt: number;
}

/**
 * Writes entries to the catalogue then KV; an existing key takes the new values. Answers how many
 * keys were written.
 */
export async function upsertThreatEntries(
  env: Pick<Env, "DB" | "THREAT_INTEL">,
  entries: ThreatUpsert[],
  createdBy: string,
  now: number,
): Promise<number> {
  if (entries.length === 0) return 0;
  const db = createDb(env.DB);
  // One row a key, the last listing winning: SQLite's upsert cannot touch a row twice in one insert.
  const unique = [
    ...new Map(entries.map((entry) => [threatKey(entry.kind, entry.value), entry])).values(),
  ];
  const rows = unique.map((entry) => ({
    key: threatKey(entry.kind, entry.value),
    kind: entry.kind,
    value: entry.value,
    severity: entry.severity,
    source: entry.source,
    reason: entry.reason,
    expiresAt: entry.expiresAt,
    createdBy,
    createdAt: now,
    updatedAt: now,
  }));
  // Ten columns a row: nine rows stay under D1's 100 bound parameters.
  const statements = [];
  for (let i = 0; i < rows.length; i += 9) {
    statements.push(
      db
        .insert(threatIntelEntries)
        .values(rows.slice(i, i + 9))
        .onConflictDoUpdate({
          target: threatIntelEntries.key,
          set: {
            severity: sqlExcluded("severity"),
            source: sqlExcluded("source"),
            reason: sqlExcluded("reason"),
            expiresAt: sqlExcluded("expires_at"),
            updatedAt: sqlExcluded("updated_at"),
          },
        }),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  for (let i = 0; i < rows.length; i += 50) {
    await Promise.all(
      rows.slice(i, i + 50).map((row) => {
        const value: ThreatEntry = {
          severity: row.severity,
          source: row.source,
          reason: row.reason,
          expires_at: row.expiresAt,
        };
        return env.THREAT_INTEL.put(row.key, JSON.stringify(value), {
          expirationTtl: kvTtlSeconds(row.expiresAt, now),
        });
      }),
    );
  }
  for (const row of rows) recent.delete(row.key);
  return rows.length;
}

/** The value an upsert tried to insert, for its `do update` (SQLite's `excluded` row). */
const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

export interface ThreatEntryInput {
  kind: ThreatKind;
  value: string;
  severity: ThreatSeverity;
  reason: string;
  days: number;
}

/** Lists (or re-lists) a value by hand (audited). */
export async function addThreatEntry(
  env: Env,
  input: ThreatEntryInput,
  actor: Actor,
): Promise<ThreatIntelEntryRow> {
  const value = await canonicalThreatValue(input.kind, input.value);
  await upsertThreatEntries(
    env,
    [
      {
        kind: input.kind,
        value,
        severity: input.severity,
        source: "admin",
        reason: input.reason,
        expiresAt: actor.at + input.days * DAY_MS,
      },
    ],
    actor.id,
    actor.at,
  );
  const row = await findThreatEntry(env, threatKey(input.kind, value));
  if (!row) throw new Error("threat entry upsert left no row");
  await recordAudit(env, actor, {
    action: "threat_intel.added",
    resourceType: "threat_intel",
    resourceId: row.key,
    details: { severity: row.severity, reason: row.reason, expires_at: row.expiresAt },
  });
  return row;
}

async function findThreatEntry(env: Pick<Env, "DB">, key: string) {
  const [row] = await createDb(env.DB)
    .select()
    .from(threatIntelEntries)
    .where(eq(threatIntelEntries.key, key))
    .limit(1);
  return row ?? null;
}

/** Unlists a key (audited); 404 for a key not in the catalogue. */
export async function removeThreatEntry(env: Env, key: string, actor: Actor): Promise<void> {
  const [row] = await createDb(env.DB)
    .delete(threatIntelEntries)
    .where(eq(threatIntelEntries.key, key))
    .returning();
  // KV is cleared whether or not the row was there: a key written by hand goes too.
  await env.THREAT_INTEL.delete(key);
  recent.delete(key);
  if (!row) throw notFound("Threat entry");
  await recordAudit(env, actor, {
    action: "threat_intel.removed",
    resourceType: "threat_intel",
    resourceId: key,
    details: { severity: row.severity, source: row.source },
  });
}

export interface ThreatFilters {
  q?: string;
  kind?: ThreatKind;
  severity?: ThreatSeverity;
  page: number;
  perPage: number;
}

/** Newest first. `q` matches a value exactly or by its start (an email is hashed first). */
export async function listThreatEntries(
  env: Pick<Env, "DB">,
  filters: ThreatFilters,
): Promise<{ rows: ThreatIntelEntryRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filters.kind) conditions.push(eq(threatIntelEntries.kind, filters.kind));
  if (filters.severity) conditions.push(eq(threatIntelEntries.severity, filters.severity));
  if (filters.q) {
    if (filters.q.includes("@"))
      conditions.push(eq(threatIntelEntries.value, await emailHash(filters.q)));
    // D1 refuses LIKE patterns over 50 bytes: a longer query is matched whole.
    else if (new TextEncoder().encode(filters.q).length > 48)
      conditions.push(eq(threatIntelEntries.value, filters.q));
    else conditions.push(like(threatIntelEntries.value, `${filters.q.replace(/[%_]/g, "")}%`));
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const db = createDb(env.DB);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(threatIntelEntries)
      .where(where)
      .orderBy(desc(threatIntelEntries.updatedAt), desc(threatIntelEntries.key))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ n: count() }).from(threatIntelEntries).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Catalogue rows past their end, which KV has already dropped (the daily run). */
export async function pruneExpiredThreatEntries(env: Pick<Env, "DB">, now: number) {
  await createDb(env.DB)
    .delete(threatIntelEntries)
    .where(lte(threatIntelEntries.expiresAt, now - DAY_MS));
}

export const toThreatEntryView = (row: ThreatIntelEntryRow, now: number): ThreatEntryView => ({
  key: row.key,
  kind: row.kind,
  value: row.value,
  severity: row.severity,
  source: row.source,
  reason: row.reason,
  expires_at: new Date(row.expiresAt).toISOString(),
  created_by: row.createdBy,
  created_at: new Date(row.createdAt).toISOString(),
  updated_at: new Date(row.updatedAt).toISOString(),
  active: row.expiresAt > now,
});
