import type { Principal } from "../server/auth/principal";
import type { Env } from "../server/env";
import type { Logger } from "../server/logger";

/** Hono's generics for this app: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    logger: Logger;
    principal: Principal | null;
  };
}
