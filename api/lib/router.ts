import { OpenAPIHono } from "@hono/zod-openapi";
import { AppError } from "../../server/errors";
import type { AppEnv } from "../app-env";

/**
 * Every router is created here so a zod failure anywhere becomes the same 400 envelope,
 * with the zod issues in `error.details`.
 */
export const createRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError(
          400,
          "validation_failed",
          `Invalid request ${result.target}`,
          result.error.issues.map((issue) => ({ ...issue, location: result.target })),
        );
      }
    },
  });
