import type { AvatarResult, Photo, PhotoRemoved } from "~core/contract/media";
import type { ApiClient } from "~kit/api/client";

/** Photo uploads (README "Photos"): the file is the request body, the bytes decide its type. */
export type { Photo } from "~core/contract/media";

export const uploadResumePhoto = (api: ApiClient, resumeId: string, file: Blob) =>
  api.post<Photo>(`/api/resumes/${encodeURIComponent(resumeId)}/photo`, file);

export const removeResumePhoto = (api: ApiClient, resumeId: string) =>
  api.delete<PhotoRemoved>(`/api/resumes/${encodeURIComponent(resumeId)}/photo`);

export const fetchAvatar = (api: ApiClient, signal?: AbortSignal) =>
  api.get<AvatarResult>("/api/profile/avatar", { signal });

export const uploadAvatar = (api: ApiClient, file: Blob) =>
  api.post<Photo>("/api/profile/avatar", file);

export const removeAvatar = (api: ApiClient) => api.delete<PhotoRemoved>("/api/profile/avatar");
