import type { ApiClient, ListPage } from "~kit/api/client";

/** One D1 snapshot in R2, as GET /api/admin/backups lists it. */
export interface BackupRecord {
  id: string;
  job_id: string;
  status: string;
  created_at: string;
  completed_at: string | null;
  table_count: number;
  row_count: number;
  bytes: number;
}

export interface BackupStarted {
  job_id: string;
  workflow_instance_id: string;
}

export const BACKUPS_PER_PAGE = 20;

export const listBackups = (api: ApiClient, page: number): Promise<ListPage<BackupRecord>> =>
  api.list<BackupRecord>("/api/admin/backups", { query: { page, per_page: BACKUPS_PER_PAGE } });

export const startBackup = (api: ApiClient): Promise<BackupStarted> =>
  api.post<BackupStarted>("/api/admin/backups");
