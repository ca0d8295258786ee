/**
 * OAuth sign-in providers (README "Sign in with Google, GitHub or Microsoft"). Each appears
 * only when its client id and secret are set. Apart from the flow (`oauth.ts`) so that the
 * apps can read the list without the flow's crypto and JWT imports.
 */
export const OAUTH_PROVIDERS = ["google", "github", "microsoft"] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export const isOAuthProvider = (value: string): value is OAuthProvider =>
  (OAUTH_PROVIDERS as readonly string[]).includes(value);

export const OAUTH_PROVIDER_NAMES: Record<OAuthProvider, string> = {
  google: "Google",
  github: "GitHub",
  microsoft: "Microsoft",
};
