import type { Env } from "./env";

/**
 * Whether this Worker has its development tools: the mail outbox (`/dev/outbox`,
 * `/api/dev/*`), the local billing provider (the stand-in for Stripe without keys, its
 * `/local-checkout/*` page, `POST /api/billing/local/advance`) and the `localhost` passkey
 * relying party. Only runs that opt in have them: `ENVIRONMENT=local` (the scripts start
 * `wrangler dev` with `--var ENVIRONMENT:local`) and `test` (the workerd suite).
 * wrangler.toml itself says `production` at the top level and in `env.production`,
 * `staging` in `env.staging`, so a deployed Worker — `wrangler deploy` with or without
 * `--env` — never has them.
 */
export function devToolsEnabled(env: Pick<Env, "ENVIRONMENT">): boolean {
  return env.ENVIRONMENT === "local" || env.ENVIRONMENT === "test";
}
