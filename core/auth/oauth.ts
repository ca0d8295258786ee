/** OAuth sign-in providers (SPEC §1). Each appears only when its client id and secret are set. */
export const OAUTH_PROVIDERS = ["google", "github", "microsoft"] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export const isOAuthProvider = (value: string): value is OAuthProvider =>
  (OAUTH_PROVIDERS as readonly string[]).includes(value);
