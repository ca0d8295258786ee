/**
 * "Export my data" (README "Your data"): the states an export goes through and how long its
 * zip and link live. Shared by the server, the workflow and the app.
 */
export const DATA_EXPORT_STATES = ["queued", "running", "ready", "failed", "expired"] as const;
export type DataExportState = (typeof DATA_EXPORT_STATES)[number];

/** An export still being built: a second request returns it instead of starting another. */
export const ACTIVE_DATA_EXPORT_STATES = ["queued", "running"] as const;

/** The zip and its emailed link are kept this long after the export is ready. */
export const DATA_EXPORT_TTL_MS = 7 * 86_400_000;

/** `dx_` and 32 hex digits: the export's id, its job's and its workflow instance's. */
export const DATA_EXPORT_ID_PATTERN = /^dx_[0-9a-f]{32}$/;

export const newDataExportId = () => `dx_${crypto.randomUUID().replaceAll("-", "")}`;

export const dataExportZipKey = (userId: string, exportId: string) =>
  `data-exports/${userId}/${exportId}.zip`;

/** Where the gather steps leave their parts until the zip is written (then deleted). */
export const dataExportPartsPrefix = (userId: string, exportId: string) =>
  `data-exports/${userId}/${exportId}/parts/`;

export const DATA_EXPORT_JOB_KIND = "data-export";
