import { createRoute, z } from "@hono/zod-openapi";
import {
  moderationRuleViewSchema,
  ruleTestRequestSchema,
  ruleTestResultSchema,
} from "../../../core/contract/moderation";
import { testRule } from "../../../core/moderation/rules/compile";
import { moderationRuleSchema } from "../../../core/moderation/rules/schema";
import { AppError, notFound } from "../../../server/errors";
import {
  compiledRules,
  type EffectiveRule,
  effectiveRules,
  removeRule,
  saveRule,
} from "../../../server/moderation/rule-set";
import { recordAudit } from "../../../server/ops/audit";
import { ok } from "../../lib/envelope";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  jsonBody,
  jsonResponse,
} from "../../lib/schemas";
import { guardFor } from "./access";

/** The moderation rules admins edit (README "Content moderation: rules"). */

const tags = ["Content moderation"];

const ruleIdParam = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "A rule id")
    .openapi({ param: { name: "id", in: "path" }, example: "spam.casino" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Every rule in force: built-in, edited built-in, and custom, with any problem",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/moderation/rules"),
  responses: {
    200: jsonResponse(envelopeOf(z.array(moderationRuleViewSchema)), "The rules"),
    ...errorResponses,
  },
});

const putRoute = createRoute({
  method: "put",
  path: "/{id}",
  tags,
  summary: "Add a rule, or change one (a built-in rule's edit overrides its default)",
  security: bearerSecurity,
  middleware: guardFor("PUT /api/admin/moderation/rules/{id}"),
  request: { params: ruleIdParam, ...jsonBody(moderationRuleSchema) },
  responses: {
    200: jsonResponse(envelopeOf(moderationRuleViewSchema), "The rule as saved"),
    ...errorResponses,
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/{id}",
  tags,
  summary: "Remove a custom rule, or put an edited built-in rule back to its default",
  security: bearerSecurity,
  middleware: guardFor("DELETE /api/admin/moderation/rules/{id}"),
  request: { params: ruleIdParam },
  responses: {
    200: jsonResponse(envelopeOf(z.object({ removed: z.literal(true) })), "Removed"),
    ...errorResponses,
  },
});

const testRoute = createRoute({
  method: "post",
  path: "/test",
  tags,
  summary: "Try a rule on sample text before saving it",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/moderation/rules/test"),
  request: { ...jsonBody(ruleTestRequestSchema) },
  responses: {
    200: jsonResponse(envelopeOf(ruleTestResultSchema), "Where the rule matches"),
    ...errorResponses,
  },
});

function present(entry: EffectiveRule, problems: Map<string, string>) {
  return {
    rule: entry.rule,
    origin: entry.origin,
    updated_by: entry.updatedBy,
    updated_at: entry.updatedAt === null ? null : new Date(entry.updatedAt).toISOString(),
    problem: problems.get(entry.rule.id) ?? null,
  };
}

async function problemsOf(env: Parameters<typeof compiledRules>[0]) {
  const compiled = await compiledRules(env);
  return new Map(compiled.rejected.map((entry) => [entry.id, entry.problem]));
}

export const adminModerationRuleRoutes = createRouter();
adminModerationRuleRoutes
  .openapi(listRoute, async (c) => {
    const [rules, problems] = await Promise.all([effectiveRules(c.env), problemsOf(c.env)]);
    return ok(
      c,
      rules.map((entry) => present(entry, problems)),
      200,
    );
  })
  .openapi(testRoute, async (c) => {
    const { rule, text } = c.req.valid("json");
    const { matches } = testRule(rule, text);
    return ok(c, { matches }, 200);
  })
  .openapi(putRoute, async (c) => {
    const { id } = c.req.valid("param");
    const rule = c.req.valid("json");
    if (rule.id !== id) {
      throw new AppError(400, "validation_failed", "The rule's id must match the address", [
        { path: ["id"], message: `Expected ${id}` },
      ]);
    }
    const saved = await saveRule(c.env, rule, actorOf(c).id, c.get("now"));
    await recordAudit(c.env, actorOf(c), {
      action: "moderation.rule_saved",
      resourceType: "moderation_rule",
      resourceId: id,
      details: { rule },
    });
    return ok(c, present(saved, await problemsOf(c.env)), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await removeRule(c.env, id))) throw notFound("Edited or custom rule");
    await recordAudit(c.env, actorOf(c), {
      action: "moderation.rule_removed",
      resourceType: "moderation_rule",
      resourceId: id,
    });
    return ok(c, { removed: true as const }, 200);
  });
