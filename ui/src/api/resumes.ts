import type {
  CreateResume,
  MarkVersion,
  Resume,
  ResumeListFilter,
  ResumeSummary,
  ResumeVersion,
  ResumeVersionDetail,
  ShareLink,
  ShareSettings,
  UpdateResume,
} from "~core/contract/resumes";
import type { ApiClient, ListPage } from "~kit/api/client";

/** The query string of GET /api/resumes, as the app builds it (`deleted`: the bin). */
export type ResumeListQuery = ResumeListFilter & {
  deleted?: boolean;
  page?: number;
  per_page?: number;
};

/** Writes name the version they were based on; the server refuses a stale one with 409. */
const ifMatch = (version: number) => ({ headers: { "If-Match": `"${version}"` } });
const base = (id: string) => `/api/resumes/${encodeURIComponent(id)}`;

export const listResumes = (api: ApiClient, query: ResumeListQuery = {}) =>
  api.list<ResumeSummary>("/api/resumes", {
    query: { ...query, deleted: query.deleted === undefined ? undefined : String(query.deleted) },
  });

export const createResume = (api: ApiClient, body: CreateResume) =>
  api.post<Resume>("/api/resumes", body);

export const fetchResume = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Resume>(base(id), { signal });

export const saveResume = (api: ApiClient, id: string, version: number, body: UpdateResume) =>
  api.patch<Resume>(base(id), body, ifMatch(version));

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

export const fetchVersion = (api: ApiClient, id: string, version: number) =>
  api.get<ResumeVersionDetail>(`${base(id)}/versions/${version}`);

/** Names the resume as it is at `current`, pinning that version (README "Version history"). */
export const nameCurrentVersion = (api: ApiClient, id: string, name: string, current: number) =>
  api.post<ResumeVersion>(`${base(id)}/versions`, { name }, ifMatch(current));

export const markVersion = (api: ApiClient, id: string, version: number, body: MarkVersion) =>
  api.patch<ResumeVersion>(`${base(id)}/versions/${version}`, body);

/** The public link; 404 (`not_found`) while the resume has never been shared. */
export const fetchShare = (api: ApiClient, id: string) => api.get<ShareLink>(`${base(id)}/share`);

/** `password`: a new one, null to remove it, left out to keep it. */
export const configureShare = (api: ApiClient, id: string, settings: ShareSettings) =>
  api.post<ShareLink>(`${base(id)}/share`, settings);
