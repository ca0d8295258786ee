// The rules a check runs (README "Content moderation: rules"): the built-in defaults, overridden
// or extended by the rules admins edit in D1. The compiled set is cached in KV under the newest
// edit's time, so an edit takes effect on the next check and no check compiles twice.
import { count, desc, eq, max } from "drizzle-orm";
import {
  type CompiledRuleSet,
  compileRuleSet,
  type LoadedRuleSet,
  loadRuleSet,
} from "../../core/moderation/rules/compile";
import { DEFAULT_RULES } from "../../core/moderation/rules/defaults";
import type { ModerationRule } from "../../core/moderation/rules/schema";
import { createDb } from "../../db/client";
import { moderationRules } from "../../db/schema";
import type { Env } from "../env";

type RuleEnv = Pick<Env, "DB" | "CACHE">;

const CACHE_TTL_SECONDS = 3_600;

/** Where a rule comes from: the code's defaults, an admin's edit of one, or an admin's own. */
export type RuleOrigin = "built_in" | "edited" | "custom";

export interface EffectiveRule {
  rule: ModerationRule;
  origin: RuleOrigin;
  updatedBy: string | null;
  updatedAt: number | null;
}

/** The defaults with every admin row laid over them (a row with a default's id replaces it). */
export async function effectiveRules(env: Pick<Env, "DB">): Promise<EffectiveRule[]> {
  const rows = await createDb(env.DB)
    .select()
    .from(moderationRules)
    .orderBy(desc(moderationRules.updatedAt));
  const byId = new Map<string, EffectiveRule>(
    DEFAULT_RULES.map((rule) => [
      rule.id,
      { rule, origin: "built_in", updatedBy: null, updatedAt: null },
    ]),
  );
  for (const row of rows) {
    const rule = JSON.parse(row.ruleJson) as ModerationRule;
    byId.set(row.id, {
      rule,
      origin: byId.has(row.id) ? "edited" : "custom",
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt,
    });
  }
  return [...byId.values()].sort((a, b) => a.rule.id.localeCompare(b.rule.id));
}

/** A cache key that changes whenever a rule does: the newest edit's time and the row count. */
async function version(env: Pick<Env, "DB">): Promise<string> {
  const [row] = await createDb(env.DB)
    .select({ newest: max(moderationRules.updatedAt), rules: count() })
    .from(moderationRules);
  return `${row?.newest ?? 0}-${row?.rules ?? 0}`;
}

export async function compiledRules(env: RuleEnv): Promise<CompiledRuleSet> {
  const key = `moderation:rules:${await version(env)}`;
  const cached = await env.CACHE.get<CompiledRuleSet>(key, "json");
  if (cached) return cached;
  const compiled = compileRuleSet((await effectiveRules(env)).map((entry) => entry.rule));
  await env.CACHE.put(key, JSON.stringify(compiled), { expirationTtl: CACHE_TTL_SECONDS });
  return compiled;
}

export async function activeRuleSet(env: RuleEnv): Promise<LoadedRuleSet> {
  return loadRuleSet(await compiledRules(env));
}

/** An admin's rule (new, or an edit of a built-in one), valid by moderationRuleSchema. */
export async function saveRule(
  env: Pick<Env, "DB">,
  rule: ModerationRule,
  actorId: string,
  now: number,
): Promise<EffectiveRule> {
  await createDb(env.DB)
    .insert(moderationRules)
    .values({
      id: rule.id,
      ruleJson: JSON.stringify(rule),
      updatedBy: actorId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: moderationRules.id,
      set: { ruleJson: JSON.stringify(rule), updatedBy: actorId, updatedAt: now },
    });
  const saved = (await effectiveRules(env)).find((entry) => entry.rule.id === rule.id);
  if (!saved) throw new Error(`rule ${rule.id} vanished`);
  return saved;
}

/**
 * Removes an admin's row: a custom rule is gone, an edited built-in one is back to its default.
 * False when there was no row (a built-in rule cannot be removed, only turned off).
 */
export async function removeRule(env: Pick<Env, "DB">, id: string): Promise<boolean> {
  const removed = await createDb(env.DB)
    .delete(moderationRules)
    .where(eq(moderationRules.id, id))
    .returning({ id: moderationRules.id });
  return removed.length > 0;
}
