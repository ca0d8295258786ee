import { z } from "zod";
import { devToolsEnabled } from "../dev-tools";
import type { Env } from "../env";
import { AppError } from "../errors";
import { cloudflareCustomHostnames } from "./cloudflare";
import { localCustomHostnames } from "./local";

/**
 * One interface, two implementations, chosen like the billing provider (README "Custom
 * domains"): Cloudflare's API when `CF_API_TOKEN` and `CF_ZONE_ID` are set, otherwise the
 * local stand-in, and that only where dev tools are.
 */

/** A custom hostname as Cloudflare's API returns it (the fields the app reads). */
export const customHostnameSchema = z.object({
  id: z.string().min(1),
  hostname: z.string(),
  status: z.string(),
  ssl: z
    .object({
      method: z.string().optional(),
      status: z.string(),
      validation_records: z
        .array(
          z.object({
            txt_name: z.string().optional(),
            txt_value: z.string().optional(),
            http_url: z.string().optional(),
            http_body: z.string().optional(),
          }),
        )
        .optional(),
      validation_errors: z.array(z.object({ message: z.string() })).optional(),
    })
    .nullish(),
  ownership_verification: z
    .object({ type: z.string(), name: z.string(), value: z.string() })
    .nullish(),
  ownership_verification_http: z.object({ http_url: z.string(), http_body: z.string() }).nullish(),
  verification_errors: z.array(z.string()).nullish(),
});
export type CustomHostname = z.output<typeof customHostnameSchema>;

export type SslMethod = "http" | "txt";

export interface CustomHostnames {
  /** Creates the hostname; when a retry finds it already there, returns that one. */
  create(hostname: string, sslMethod: SslMethod): Promise<CustomHostname>;
  /** The hostname as it is now (Cloudflare re-checks DNS on its own); null once gone. */
  get(id: string): Promise<CustomHostname | null>;
  /** Deletes it; a hostname already gone is not an error. */
  remove(id: string): Promise<void>;
  /** Whether this is the local stand-in (the app then offers to mark DNS as added). */
  readonly local: boolean;
}

export type CustomHostnameEnv = Pick<Env, "ENVIRONMENT" | "CACHE" | "CF_API_TOKEN" | "CF_ZONE_ID">;

/** The provider in force; 503 `unavailable` where neither is configured. */
export function customHostnames(env: CustomHostnameEnv, fetcher?: typeof fetch): CustomHostnames {
  if (env.CF_API_TOKEN && env.CF_ZONE_ID) {
    return cloudflareCustomHostnames({ token: env.CF_API_TOKEN, zoneId: env.CF_ZONE_ID }, fetcher);
  }
  if (devToolsEnabled(env)) return localCustomHostnames(env);
  throw new AppError(
    503,
    "unavailable",
    "Custom domains are not configured: set CF_API_TOKEN and CF_ZONE_ID",
  );
}
