import type { ProfileChanges, ProfileResult } from "~core/contract/profile";
import type { ApiClient } from "~kit/api/client";

export const fetchProfile = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ProfileResult>("/api/profile", { signal });

/** The plan itself is not a change a person can send: it changes only by billing. */
export const updateProfile = (api: ApiClient, changes: ProfileChanges) =>
  api.patch<ProfileResult>("/api/profile", changes);
