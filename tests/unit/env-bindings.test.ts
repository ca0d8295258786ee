import path from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import type { Env } from "../../server/env";

/**
 * server/env.ts is written by hand (see its comment for why not `wrangler types`); this test
 * keeps it true to wrangler.toml. The table below is tied to `Env` by its type (every key, its
 * kind, and whether it is optional, or `npm run typecheck` fails); the test ties the table to
 * wrangler.toml as `wrangler deploy` reads it, at the top level and under each `--env`.
 */

type Kind =
  | "var"
  /** Set outside wrangler.toml (`.dev.vars`, `wrangler secret put`): never declared in it. */
  | "secret"
  | "d1"
  | "kv"
  | "r2"
  | "queue"
  | "workflow"
  | "durable_object"
  | "browser"
  | "ai"
  | "send_email"
  | "assets";

/** What a binding's type allows it to be; the order matters where shapes overlap. */
type KindOf<T> = T extends string
  ? "var" | "secret"
  : T extends D1Database
    ? "d1"
    : T extends R2Bucket
      ? "r2"
      : T extends KVNamespace
        ? "kv"
        : T extends Queue<never>
          ? "queue"
          : T extends Workflow<never>
            ? "workflow"
            : T extends Pick<DurableObjectNamespace, "idFromName" | "get">
              ? "durable_object"
              : T extends Ai
                ? "ai"
                : T extends SendEmail
                  ? "send_email"
                  : T extends Fetcher
                    ? "browser" | "assets"
                    : never;

type Presence<K extends keyof Env> = undefined extends Env[K] ? "optional" : "required";

const BINDINGS: { [K in keyof Env]-?: readonly [KindOf<NonNullable<Env[K]>>, Presence<K>] } = {
  ENVIRONMENT: ["var", "required"],
  APP_VERSION: ["var", "required"],
  CORS_ORIGINS: ["var", "required"],
  LOG_LEVEL: ["var", "required"],
  EMAIL_FROM: ["var", "required"],
  OPS_ALERT_EMAIL: ["var", "required"],
  JWT_ISSUER: ["var", "required"],
  SELLER_NAME: ["var", "required"],
  SELLER_ADDRESS: ["var", "required"],
  SELLER_TAX_ID: ["var", "required"],
  SELLER_SUPPORT_EMAIL: ["var", "required"],
  OPS_API_TOKEN: ["secret", "optional"],
  JWT_PRIVATE_KEYS: ["secret", "optional"],
  MFA_ENCRYPTION_KEY: ["secret", "optional"],
  OAUTH_GOOGLE_CLIENT_ID: ["secret", "optional"],
  OAUTH_GOOGLE_CLIENT_SECRET: ["secret", "optional"],
  OAUTH_GITHUB_CLIENT_ID: ["secret", "optional"],
  OAUTH_GITHUB_CLIENT_SECRET: ["secret", "optional"],
  OAUTH_MICROSOFT_CLIENT_ID: ["secret", "optional"],
  OAUTH_MICROSOFT_CLIENT_SECRET: ["secret", "optional"],
  OAUTH_MICROSOFT_TENANT: ["secret", "optional"],
  STRIPE_SECRET_KEY: ["secret", "optional"],
  STRIPE_WEBHOOK_SECRET: ["secret", "optional"],
  STRIPE_PRICE_STANDARD: ["secret", "optional"],
  STRIPE_PRICE_PREMIUM: ["secret", "optional"],
  STRIPE_PRICE_ENTERPRISE: ["secret", "optional"],
  CF_ZONE_ID: ["var", "required"],
  CF_API_TOKEN: ["secret", "optional"],
  CUSTOM_DOMAIN_CNAME_TARGET: ["var", "required"],
  DB: ["d1", "required"],
  SESSIONS: ["kv", "required"],
  CACHE: ["kv", "required"],
  JOBS: ["kv", "required"],
  RATE_LIMITS: ["kv", "required"],
  THREAT_INTEL: ["kv", "required"],
  FILES: ["r2", "required"],
  PDF_QUEUE: ["queue", "required"],
  AI_QUEUE: ["queue", "required"],
  EMAIL_QUEUE: ["queue", "required"],
  SYNC_QUEUE: ["queue", "required"],
  ANALYTICS_QUEUE: ["queue", "required"],
  STRIPE_QUEUE: ["queue", "required"],
  OPS_QUEUE: ["queue", "required"],
  BACKUP_WORKFLOW: ["workflow", "required"],
  SIGNUP_WORKFLOW: ["workflow", "required"],
  EXPORT_WORKFLOW: ["workflow", "required"],
  MODERATION_WORKFLOW: ["workflow", "required"],
  DUNNING_WORKFLOW: ["workflow", "required"],
  BAN_ESCALATION_WORKFLOW: ["workflow", "required"],
  BULK_EMAIL_WORKFLOW: ["workflow", "required"],
  ANALYTICS_BACKFILL_WORKFLOW: ["workflow", "required"],
  DATA_EXPORT_WORKFLOW: ["workflow", "required"],
  ACCOUNT_DELETION_WORKFLOW: ["workflow", "required"],
  COLLAB_ROOM: ["durable_object", "required"],
  NOTIFICATION_HUB: ["durable_object", "required"],
  BROWSER: ["browser", "required"],
  AI: ["ai", "optional"],
  EMAIL: ["send_email", "optional"],
  ASSETS: ["assets", "required"],
};

const configPath = path.join(import.meta.dirname, "../../wrangler.toml");
const ENVIRONMENTS = [undefined, "staging", "production"] as const;

interface Entry {
  binding?: string;
  name?: string;
}
/** The binding names of one config section (most key it `binding`, a few `name`). */
const namesOf = (entries: readonly Entry[] | undefined, key: keyof Entry = "binding") =>
  (entries ?? []).map((entry) => entry[key]);

/** Every binding one environment declares, by name, with its kind. */
function declaredBindings(environment: string | undefined): Map<string, string> {
  const config = unstable_readConfig(
    { config: configPath, env: environment },
    { hideWarnings: true },
  );
  const sections: [string, (string | undefined)[]][] = [
    ["var", Object.keys(config.vars)],
    ["d1", namesOf(config.d1_databases)],
    ["kv", namesOf(config.kv_namespaces)],
    ["r2", namesOf(config.r2_buckets)],
    ["queue", namesOf(config.queues.producers)],
    ["workflow", namesOf(config.workflows)],
    ["durable_object", namesOf(config.durable_objects.bindings, "name")],
    ["browser", [config.browser?.binding]],
    ["ai", [config.ai?.binding]],
    ["send_email", namesOf(config.send_email, "name")],
    ["assets", [config.assets?.binding]],
    // Kinds Env has none of today: declaring one without typing it must fail below.
    ["service", namesOf(config.services)],
    ["vectorize", namesOf(config.vectorize)],
    ["hyperdrive", namesOf(config.hyperdrive)],
    ["analytics_engine", namesOf(config.analytics_engine_datasets)],
    ["rate_limit", namesOf(config.ratelimits, "name")],
  ];
  const declared = new Map<string, string>();
  for (const [kind, names] of sections) {
    for (const name of names) if (name) declared.set(name, kind);
  }
  return declared;
}

const typed = Object.entries(BINDINGS) as [string, readonly [Kind, "optional" | "required"]][];

describe("server/env.ts against wrangler.toml", () => {
  for (const environment of ENVIRONMENTS) {
    const label = environment ?? "top level";
    const declared = declaredBindings(environment);

    it(`${label}: every declared binding is in Env, with its kind`, () => {
      const untyped = [...declared]
        .filter(([name, kind]) => BINDINGS[name as keyof Env]?.[0] !== kind)
        .map(
          ([name, kind]) =>
            `${name} (${kind} in wrangler.toml, Env says ${BINDINGS[name as keyof Env]?.[0] ?? "nothing"})`,
        );
      expect(untyped).toEqual([]);
    });

    it(`${label}: every required binding of Env is declared; secrets never are`, () => {
      const missing = typed
        .filter(([, [kind, presence]]) => kind !== "secret" && presence === "required")
        .filter(([name]) => !declared.has(name))
        .map(([name]) => name);
      expect(missing).toEqual([]);
      const secretsInToml = typed
        .filter(([name, [kind]]) => kind === "secret" && declared.has(name))
        .map(([name]) => name);
      expect(secretsInToml).toEqual([]);
    });
  }

  it("an optional binding (not a secret) is declared somewhere it is deployed", () => {
    const everywhere = new Set(ENVIRONMENTS.flatMap((e) => [...declaredBindings(e).keys()]));
    const optional = typed
      .filter(([, [kind, presence]]) => kind !== "secret" && presence === "optional")
      .map(([name]) => name);
    expect(optional.length).toBeGreaterThan(0);
    expect(optional.filter((name) => !everywhere.has(name))).toEqual([]);
  });
});
