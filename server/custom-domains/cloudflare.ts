import { z } from "zod";
import { AppError } from "../errors";
import { type CustomHostname, type CustomHostnames, customHostnameSchema } from "./provider";

/**
 * Cloudflare for SaaS custom hostnames over the v4 API (README "Custom domains"): plain
 * `fetch` with an API token allowed "SSL and Certificates: Edit" on the zone. Every answer is
 * validated before the app reads it.
 */

const API = "https://api.cloudflare.com/client/v4";

const envelopeSchema = z.object({
  success: z.boolean(),
  errors: z.array(z.object({ code: z.number(), message: z.string() })).default([]),
  result: z.unknown(),
});

/** Cloudflare's error for a hostname the zone already has (a retried create). */
const DUPLICATE_HOSTNAME = 1406;

export class CloudflareApiError extends AppError {
  constructor(
    readonly httpStatus: number,
    readonly codes: number[],
    message: string,
  ) {
    super(503, "unavailable", `Cloudflare refused the request: ${message}`);
  }
}

export function cloudflareCustomHostnames(
  config: { token: string; zoneId: string },
  fetcher: typeof fetch = fetch,
): CustomHostnames {
  const base = `${API}/zones/${encodeURIComponent(config.zoneId)}/custom_hostnames`;

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetcher(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${config.token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = envelopeSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      throw new CloudflareApiError(response.status, [], `unexpected answer (${response.status})`);
    }
    if (!response.ok || !parsed.data.success) {
      const { errors } = parsed.data;
      throw new CloudflareApiError(
        response.status,
        errors.map((error) => error.code),
        errors.map((error) => error.message).join("; ") || String(response.status),
      );
    }
    return parsed.data.result;
  }

  const hostnameOf = (result: unknown): CustomHostname => customHostnameSchema.parse(result);

  async function findByHostname(hostname: string): Promise<CustomHostname | null> {
    const result = await call("GET", `?hostname=${encodeURIComponent(hostname)}`);
    const list = z.array(customHostnameSchema).parse(result);
    return list.find((entry) => entry.hostname === hostname) ?? null;
  }

  return {
    local: false,
    async create(hostname, sslMethod) {
      try {
        return hostnameOf(
          await call("POST", "", { hostname, ssl: { method: sslMethod, type: "dv" } }),
        );
      } catch (error) {
        if (!(error instanceof CloudflareApiError && error.codes.includes(DUPLICATE_HOSTNAME))) {
          throw error;
        }
        // A retry after a create whose answer was lost: the zone has it already.
        const existing = await findByHostname(hostname);
        if (!existing) throw error;
        return existing;
      }
    },
    async get(id) {
      try {
        return hostnameOf(await call("GET", `/${encodeURIComponent(id)}`));
      } catch (error) {
        if (error instanceof CloudflareApiError && error.httpStatus === 404) return null;
        throw error;
      }
    },
    async remove(id) {
      try {
        await call("DELETE", `/${encodeURIComponent(id)}`);
      } catch (error) {
        if (error instanceof CloudflareApiError && error.httpStatus === 404) return;
        throw error;
      }
    },
  };
}
