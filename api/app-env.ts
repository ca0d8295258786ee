import type { Principal } from "../server/auth/principal";
import type { Env } from "../server/env";
import type { Logger } from "../server/logger";

/** Hono's generics for this app: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The request's time (epoch ms), read once by `requestContext`; routes pass it to services. */
    now: number;
    logger: Logger;
    principal: Principal | null;
  };
}
