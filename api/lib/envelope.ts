import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../../server/errors";
import type { AppEnv } from "../app-env";

/** The one response shape of README "API conventions". */
export interface SuccessEnvelope<T> {
  success: true;
  data: T;
  meta: { timestamp: string; version: string; request_id: string };
}

export interface ListEnvelope<T> extends SuccessEnvelope<T[]> {
  pagination: Pagination;
}

export interface ErrorEnvelope {
  success: false;
  error: { code: ErrorCode; message: string; details: unknown };
  meta: { timestamp: string; request_id: string };
}

export interface Pagination {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
}

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
