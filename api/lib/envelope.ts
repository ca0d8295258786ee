import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type {
  ErrorCode,
  ErrorEnvelope,
  ListEnvelope,
  SuccessEnvelope,
} from "../../core/contract/envelope";
import type { AppEnv } from "../app-env";

/** Builds the one response shape of README "API conventions" (`core/contract/envelope.ts`). */
const successMeta = (c: Context<AppEnv>) => ({
  timestamp: new Date().toISOString(),
  version: c.env.APP_VERSION,
  request_id: c.get("requestId"),
});

export function ok<T, S extends ContentfulStatusCode>(c: Context<AppEnv>, data: T, status: S) {
  const body: SuccessEnvelope<T> = { success: true, data, meta: successMeta(c) };
  return c.json(body, status);
}

export function okList<T>(
  c: Context<AppEnv>,
  items: T[],
  { page, perPage, total }: { page: number; perPage: number; total: number },
) {
  const body: ListEnvelope<T> = {
    success: true,
    data: items,
    meta: successMeta(c),
    pagination: {
      page,
      per_page: perPage,
      total,
      total_pages: Math.max(1, Math.ceil(total / perPage)),
    },
  };
  return c.json(body, 200);
}

export function errorBody(
  requestId: string,
  code: ErrorCode,
  message: string,
  details: unknown = null,
): ErrorEnvelope {
  return {
    success: false,
    error: { code, message, details },
    meta: { timestamp: new Date().toISOString(), request_id: requestId },
  };
}
