import type { BackupRecord, BackupStarted } from "~core/contract/admin";
import type { ApiClient, ListPage } from "~kit/api/client";

/** One D1 snapshot in R2 (GET /api/admin/backups), and the answer to "Back up now". */
export type { BackupRecord, BackupStarted } from "~core/contract/admin";

export const BACKUPS_PER_PAGE = 20;

export const listBackups = (api: ApiClient, page: number): Promise<ListPage<BackupRecord>> =>
  api.list<BackupRecord>("/api/admin/backups", { query: { page, per_page: BACKUPS_PER_PAGE } });

export const startBackup = (api: ApiClient): Promise<BackupStarted> =>
  api.post<BackupStarted>("/api/admin/backups");
