import { and, desc, eq, inArray } from "drizzle-orm";
import type { DataExportView } from "../../core/contract/data-export";
import {
  ACTIVE_DATA_EXPORT_STATES,
  DATA_EXPORT_JOB_KIND,
  DATA_EXPORT_TTL_MS,
  type DataExportState,
  newDataExportId,
} from "../../core/gdpr/data-export";
import { createDb } from "../../db/client";
import { type DataExportRow, dataExports } from "../../db/schema";
import type { Env } from "../env";
import { AppError, conflict, notFound } from "../errors";
import { createJob } from "../ops/jobs";
import { enforceLimit } from "../ops/rate-limits";
import { startWorkflowRun } from "../ops/workflow-runs";
import { dataExportDownloadPath, readDataExportToken, signDataExportToken } from "./export-links";

/**
 * "Export my data" (README "Your data"): one export at a time per account, a few a day,
 * built by `DataExportWorkflow`, downloaded with a signed link for 7 days.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const statusUrl = (id: string) => `/api/account/data-export/${id}`;
const exportExpired = () =>
  new AppError(410, "export_expired", "This download link has expired. Export your data again.");

async function viewOf(env: Env, row: DataExportRow, now: number): Promise<DataExportView> {
  const downloadable = row.state === "ready" && row.expiresAt !== null && row.expiresAt > now;
  return {
    id: row.id,
    state: row.state,
    progress: row.progress,
    size: row.size,
    error: row.error,
    created_at: new Date(row.createdAt).toISOString(),
    finished_at: iso(row.finishedAt),
    expires_at: iso(row.expiresAt),
    download_url:
      downloadable && row.expiresAt !== null
        ? dataExportDownloadPath(await signDataExportToken(env, row.id, row.expiresAt))
        : null,
    status_url: statusUrl(row.id),
  };
}

const activeOf = (env: Env, userId: string) =>
  createDb(env.DB).query.dataExports.findFirst({
    where: and(
      eq(dataExports.userId, userId),
      inArray(dataExports.state, [...ACTIVE_DATA_EXPORT_STATES]),
    ),
  });

/**
 * Starts an export, or returns the one still running (`created: false`), so a double click or
 * a retried request never builds two. Only a new export counts against the daily limit. The
 * partial unique index on `data_exports` makes "one at a time" hold under a race too.
 */
export async function requestDataExport(
  env: Env,
  userId: string,
  now: number,
): Promise<{ export: DataExportView; created: boolean }> {
  const running = await activeOf(env, userId);
  if (running) return { export: await viewOf(env, running, now), created: false };
  await enforceLimit(env, "dataExport", userId, now);
  const id = newDataExportId();
  const [row] = await createDb(env.DB)
    .insert(dataExports)
    .values({ id, userId, state: "queued", progress: 0, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const raced = await activeOf(env, userId);
    if (!raced) throw conflict("Another data export just finished; ask again");
    return { export: await viewOf(env, raced, now), created: false };
  }
  try {
    await createJob(env, { id, kind: DATA_EXPORT_JOB_KIND, ownerId: `user:${userId}`, now });
    await startWorkflowRun(env, {
      workflow: "data-export",
      instanceId: id,
      params: { exportId: id, userId },
      subject: `user:${userId}`,
      jobId: id,
      createdBy: userId,
      now,
    });
  } catch (error) {
    // A row left queued would block every later request (one at a time): it fails instead.
    await markDataExportFailed(env, id, "The export could not be started. Please try again.", now);
    throw error;
  }
  return { export: await viewOf(env, row, now), created: true };
}

export async function latestDataExport(
  env: Env,
  userId: string,
  now: number,
): Promise<DataExportView | null> {
  const row = await createDb(env.DB).query.dataExports.findFirst({
    where: eq(dataExports.userId, userId),
    orderBy: [desc(dataExports.createdAt), desc(dataExports.id)],
  });
  return row ? viewOf(env, row, now) : null;
}

/** One of the account's exports; another account's is a 404 like one that never existed. */
export async function ownDataExport(
  env: Env,
  userId: string,
  id: string,
  now: number,
): Promise<DataExportView> {
  const row = await createDb(env.DB).query.dataExports.findFirst({
    where: and(eq(dataExports.id, id), eq(dataExports.userId, userId)),
  });
  if (!row) throw notFound("Data export");
  return viewOf(env, row, now);
}

/**
 * The zip a download link opens: 404 for a token that is not ours (or whose export is gone),
 * 410 once the link or the zip expired, 409 while it is still being built.
 */
export async function openDataExportDownload(
  env: Env,
  token: string,
  now: number,
): Promise<{ body: ReadableStream; size: number; filename: string }> {
  const read = await readDataExportToken(env, token, now);
  if (!read) throw notFound("Data export");
  const row = await createDb(env.DB).query.dataExports.findFirst({
    where: eq(dataExports.id, read.exportId),
  });
  if (!row) throw notFound("Data export");
  if (read.expired || row.state === "expired" || (row.expiresAt !== null && row.expiresAt <= now))
    throw exportExpired();
  if (row.state !== "ready" || !row.r2Key) throw conflict("This data export is not ready yet");
  const object = await env.FILES.get(row.r2Key);
  if (!object) throw exportExpired();
  const day = new Date(row.createdAt).toISOString().slice(0, 10);
  return { body: object.body, size: object.size, filename: `resume-builder-data-${day}.zip` };
}

/** Moves the row's state and bar; a row already finished is left as it is (a late replay). */
export async function setDataExportProgress(
  env: Pick<Env, "DB">,
  id: string,
  state: Extract<DataExportState, "running">,
  progress: number,
): Promise<void> {
  await createDb(env.DB)
    .update(dataExports)
    .set({ state, progress })
    .where(and(eq(dataExports.id, id), inArray(dataExports.state, [...ACTIVE_DATA_EXPORT_STATES])));
}

export async function markDataExportReady(
  env: Pick<Env, "DB">,
  id: string,
  zip: { key: string; size: number },
  now: number,
): Promise<{ expiresAt: number }> {
  const expiresAt = now + DATA_EXPORT_TTL_MS;
  const [row] = await createDb(env.DB)
    .update(dataExports)
    .set({
      state: "ready",
      progress: 100,
      r2Key: zip.key,
      size: zip.size,
      finishedAt: now,
      expiresAt,
    })
    .where(and(eq(dataExports.id, id), inArray(dataExports.state, [...ACTIVE_DATA_EXPORT_STATES])))
    .returning();
  if (row) return { expiresAt };
  // A replay after the first run of this step: the recorded expiry stands.
  const done = await createDb(env.DB).query.dataExports.findFirst({
    where: eq(dataExports.id, id),
  });
  return { expiresAt: done?.expiresAt ?? expiresAt };
}

export async function markDataExportFailed(
  env: Pick<Env, "DB">,
  id: string,
  error: string,
  now: number,
): Promise<void> {
  await createDb(env.DB)
    .update(dataExports)
    .set({ state: "failed", error, finishedAt: now })
    .where(and(eq(dataExports.id, id), inArray(dataExports.state, [...ACTIVE_DATA_EXPORT_STATES])));
}
