import type { ThreatMatch } from "../core/security/threat-intel";
import type { Principal } from "../server/auth/principal";
import type { Env } from "../server/env";
import type { AppError } from "../server/errors";
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
    /**
     * Why the request's access token stopped working, when its account was suspended or banned:
     * what a route that needs a signed-in person answers instead of 401 (README "Bans").
     */
    restriction: AppError | null;
    /** Threat-intelligence entries below `high` the request matched (api/middleware/threat-intel.ts). */
    threatSignals: readonly ThreatMatch[];
  };
}
