import { createRoute, z } from "@hono/zod-openapi";
import { linkedAccountSchema, linkedBanRequestSchema } from "../../../core/contract/appeals";
import { escalationRequestViewSchema } from "../../../core/contract/sanctions";
import { stableId } from "../../../core/security/crypto";
import { AppError } from "../../../server/errors";
import { requestEscalation } from "../../../server/moderation/escalation";
import { linkedAccounts } from "../../../server/moderation/linked-accounts";
import { recordAudit } from "../../../server/ops/audit";
import { ok } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { presentRequest } from "../../lib/moderation-views";
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
import { adminUserIdParam } from "./strikes";

/**
 * Linked accounts (README "Bans"): the accounts that share a mailbox, a browser, a payment card
 * or a registration address with one account, and banning some of them together — each
 * confirmed by the admin, each handed to its own ban escalation workflow as a ban request (the
 * workflow is the one writer of sanctions).
 */

const tags = ["Strikes and bans"];

const listRoute = createRoute({
  method: "get",
  path: "/{id}/linked-accounts",
  tags,
  summary: "Accounts linked to this one, with every signal that links each (at most 50)",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/users/{id}/linked-accounts"),
  request: { params: adminUserIdParam },
  responses: {
    200: jsonResponse(envelopeOf(z.array(linkedAccountSchema)), "Linked accounts"),
    ...errorResponses,
  },
});

const banRoute = createRoute({
  method: "post",
  path: "/{id}/linked-accounts/ban",
  tags,
  summary: "Ban the confirmed linked accounts (and this one, when listed)",
  description:
    "Needs `users.write`, a second factor proven within the step-up window, and an `Idempotency-Key` header. Every id must be linked to this account (or be this account): otherwise 422 `not_linked` and nothing is requested. Answers 202 with a ban request per account; each account's workflow applies it.",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/users/{id}/linked-accounts/ban"),
  request: { params: adminUserIdParam, ...jsonBody(linkedBanRequestSchema) },
  responses: {
    202: jsonResponse(envelopeOf(z.array(escalationRequestViewSchema)), "Handed to the workflows"),
    ...errorResponses,
  },
});

export const adminLinkedAccountRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    return ok(c, await linkedAccounts(c.env, c.req.valid("param").id), 200);
  })
  .openapi(banRoute, async (c) => {
    const { id: userId } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const targets = [...new Set(body.user_ids)];
    if (targets.some((id) => actor.id === `user:${id}` || actor.id === id))
      throw new AppError(403, "forbidden", "You cannot ban your own account");
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `linked-ban:${userId}`, request: body },
      async (key) => {
        const linked = new Set((await linkedAccounts(c.env, userId)).map((a) => a.user_id));
        const notLinked = targets.filter((id) => id !== userId && !linked.has(id));
        if (notLinked.length > 0)
          throw new AppError(
            422,
            "not_linked",
            "Some of these accounts are not linked to this one; nothing was banned",
            { user_ids: notLinked },
          );
        const prefix = await stableId("linked:", key);
        const requests = [];
        for (const target of targets) {
          requests.push(
            await requestEscalation(
              c.env,
              {
                id: `${prefix}:${target}`,
                userId: target,
                kind: "ban",
                reason: body.reason,
                note: body.note || `Linked to account ${userId}`,
                actor: actor.id,
              },
              actor.at,
            ),
          );
        }
        await recordAudit(c.env, actor, {
          action: "account.linked_ban_requested",
          resourceType: "user",
          resourceId: userId,
          details: { user_ids: targets, reason: body.reason, note: body.note ?? null },
        });
        return { status: 202 as const, data: requests.map(presentRequest) };
      },
    );
    return ok(c, result.data, 202);
  });
