import type { ProfileChanges, ProfileResult } from "~core/contract/profile";
import type { User } from "~kit/api/auth";
import type { ApiClient } from "~kit/api/client";

export const fetchProfile = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ProfileResult>("/api/profile", { signal });

/** The plan itself is not a change a person can send: it changes only by billing. */
export const updateProfile = (api: ApiClient, changes: ProfileChanges) =>
  api.patch<ProfileResult>("/api/profile", changes);

/** Sends a link to the new address; the sign-in address changes once it is followed. */
export const requestEmailChange = (api: ApiClient, email: string, password?: string) =>
  api.post<{ status: "confirmation_sent"; email: string }>("/api/profile/email", {
    email,
    ...(password ? { password } : {}),
  });

export const confirmEmailChange = (api: ApiClient, token: string) =>
  api.post<{ user: User }>("/api/profile/email/confirm", { token });
