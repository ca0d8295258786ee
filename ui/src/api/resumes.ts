import type { ResumeData } from "~core/resume/schema";
import type { ApiClient, ListPage } from "~kit/api/client";

export interface ResumeSummary {
  id: string;
  title: string;
  template: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  /** Beyond the plan's resume count after a downgrade: readable and exportable, not editable. */
  read_only: boolean;
}

export interface Resume extends ResumeSummary {
  data: ResumeData;
}

export interface ResumeVersion {
  version: number;
  title: string;
  reason: string;
  created_at: string;
}

export type ResumeSort = "updated_at" | "created_at" | "title";

export interface ResumeListQuery {
  q?: string;
  sort?: ResumeSort;
  order?: "asc" | "desc";
  /** The bin instead of the live resumes. */
  deleted?: boolean;
  page?: number;
  per_page?: number;
}

/** Writes name the version they were based on; the server refuses a stale one with 409. */
const ifMatch = (version: number) => ({ headers: { "If-Match": `"${version}"` } });
const base = (id: string) => `/api/resumes/${encodeURIComponent(id)}`;

export const listResumes = (api: ApiClient, query: ResumeListQuery = {}) =>
  api.list<ResumeSummary>("/api/resumes", {
    query: { ...query, deleted: query.deleted === undefined ? undefined : String(query.deleted) },
  });

export const createResume = (
  api: ApiClient,
  body: { title: string; template?: string; data?: ResumeData },
) => api.post<Resume>("/api/resumes", body);

export const fetchResume = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Resume>(base(id), { signal });

export const saveResume = (
  api: ApiClient,
  id: string,
  version: number,
  body: { title?: string; data?: ResumeData },
) => api.patch<Resume>(base(id), body, ifMatch(version));

export const deleteResume = (api: ApiClient, id: string) => api.delete<{ deleted: true }>(base(id));

export const restoreResume = (api: ApiClient, id: string) =>
  api.post<Resume>(`${base(id)}/restore`);

export const cloneResume = (api: ApiClient, id: string, title?: string) =>
  api.post<Resume>(`${base(id)}/clone`, title ? { title } : {});

/** A JSON Resume document (already parsed); the server validates it and keeps unknown fields. */
export const importResume = (api: ApiClient, document: unknown, title?: string) =>
  api.post<Resume>("/api/resumes/import", document, { query: { title } });

export const listVersions = (
  api: ApiClient,
  id: string,
  page = 1,
): Promise<ListPage<ResumeVersion>> =>
  api.list<ResumeVersion>(`${base(id)}/versions`, { query: { page, per_page: 50 } });

export const restoreVersion = (api: ApiClient, id: string, version: number, current: number) =>
  api.post<Resume>(`${base(id)}/versions/${version}/restore`, undefined, ifMatch(current));

export interface ShareLink {
  slug: string;
  url: string;
  enabled: boolean;
  has_password: boolean;
  noindex: boolean;
  views: number;
  downloads: number;
}

/** The public link; 404 (`not_found`) while the resume has never been shared. */
export const fetchShare = (api: ApiClient, id: string) => api.get<ShareLink>(`${base(id)}/share`);

/** `password`: a new one, null to remove it, left out to keep it. */
export const configureShare = (
  api: ApiClient,
  id: string,
  settings: { enabled: boolean; password?: string | null; noindex?: boolean },
) => api.post<ShareLink>(`${base(id)}/share`, settings);
