import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, isStorageTooBig } from "../../server/errors";
import { errorFields } from "../../server/logger";
import type { AppEnv } from "../app-env";
import { errorBody } from "../lib/envelope";

/** Never leaks a stack trace: unexpected errors are logged in full and answered generically. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  const requestId = c.get("requestId") ?? crypto.randomUUID();
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(
      errorBody(requestId, error.code, error.message, error.details ?? null),
      error.status,
    );
  }
  if (error instanceof HTTPException && error.status < 500) {
    const malformedJson = /json/i.test(error.message);
    const code = malformedJson
      ? "invalid_json"
      : error.status === 413
        ? "payload_too_large"
        : "validation_failed";
    const message = malformedJson ? "The request body is not valid JSON" : error.message;
    return c.json(errorBody(requestId, code, message), error.status);
  }
  if (isStorageTooBig(error)) {
    c.get("logger")?.warn("value too big to store", errorFields(error));
    return c.json(errorBody(requestId, "payload_too_large", "This is too large to be saved"), 413);
  }
  c.get("logger")?.error("unhandled error", errorFields(error));
  return c.json(errorBody(requestId, "internal_error", "Something went wrong on our side"), 500);
};

type RouteList = ReadonlyArray<{ method: string; path: string }>;

function patternOf(path: string): RegExp {
  const escaped = path
    .split("/")
    .map((segment) => {
      if (segment === "*") return ".*";
      if (segment.startsWith(":")) return "[^/]+";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${escaped}/?$`);
}

/** Methods that some route accepts on this path, so a wrong method gets 405, not 404. */
export function allowedMethods(routes: RouteList, path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL") continue;
    if (patternOf(route.path).test(path)) methods.add(route.method);
  }
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}

export const notFoundFor =
  (routes: () => RouteList): NotFoundHandler<AppEnv> =>
  (c: Context<AppEnv>) => {
    const requestId = c.get("requestId") ?? crypto.randomUUID();
    const path = new URL(c.req.url).pathname;
    const allowed = allowedMethods(routes(), path);
    if (allowed.length > 0) {
      c.header("Allow", allowed.join(", "));
      return c.json(
        errorBody(requestId, "method_not_allowed", `${c.req.method} is not allowed on ${path}`, {
          allowed,
        }),
        405,
      );
    }
    return c.json(
      errorBody(requestId, "not_found", `No API route matches ${c.req.method} ${path}`),
      404,
    );
  };
