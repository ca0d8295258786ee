import path from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { devToolsEnabled } from "../../server/dev-tools";
import type { Env } from "../../server/env";

const configPath = path.join(import.meta.dirname, "../../wrangler.toml");

/** wrangler.toml as `wrangler deploy` reads it: the top level, or one `--env`. */
const varsOf = (environment?: string) =>
  unstable_readConfig({ config: configPath, env: environment }, { hideWarnings: true }).vars;

describe("wrangler.toml", () => {
  it("is production-shaped wherever it can be deployed from: no dev tools without an opt-in", () => {
    // `wrangler deploy` with no --env publishes the top level.
    for (const environment of [undefined, "staging", "production"]) {
      const vars = varsOf(environment);
      expect(vars.ENVIRONMENT, environment ?? "top level").toMatch(/^(staging|production)$/);
      const deployed = { ENVIRONMENT: vars.ENVIRONMENT as Env["ENVIRONMENT"] };
      expect(devToolsEnabled(deployed), environment).toBe(false);
    }
    expect(varsOf().ENVIRONMENT).toBe("production");
  });
});
