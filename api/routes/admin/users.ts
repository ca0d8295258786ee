import { createRoute, z } from "@hono/zod-openapi";
import {
  adminUserDetailSchema,
  adminUserSummarySchema,
  adminUsersQuerySchema,
  staffNoteRequestSchema,
  staffNoteSchema,
} from "../../../core/contract/admin-users";
import { stableId } from "../../../core/security/crypto";
import { presentNote, presentUserSummary, userDetail } from "../../../server/admin-users/detail";
import { addNote, notesOf, requireUser } from "../../../server/admin-users/notes";
import { searchUsers } from "../../../server/admin-users/search";
import { recordAudit } from "../../../server/ops/audit";
import { ok, okList } from "../../lib/envelope";
import { withIdempotency } from "../../lib/idempotency";
import { actorOf } from "../../lib/request";
import { createRouter } from "../../lib/router";
import {
  bearerSecurity,
  envelopeOf,
  errorResponses,
  idempotencyKeyHeader,
  jsonBody,
  jsonResponse,
  listEnvelopeOf,
} from "../../lib/schemas";
import { guardFor } from "./access";
import { adminUserIdParam } from "./strikes";

/**
 * The admin Users section (README "Admin: users"): the searchable list, one account's page and
 * staff notes. Actions on an account (edit, role, sanctions, impersonation) have their own routes.
 */

const tags = ["Users"];

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Search and filter accounts, sorted and paged on the server",
  description:
    "`q` matches the words of a name or email as prefixes (all must match), or exactly a user id, an email or a payment customer id. Day filters are inclusive UTC dates.",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/users"),
  request: { query: adminUsersQuerySchema },
  responses: {
    200: jsonResponse(listEnvelopeOf(adminUserSummarySchema), "Accounts"),
    ...errorResponses,
  },
});

const detailRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary:
    "One account: profile, billing, resumes, exports, sessions, sign-ins, standing, audit, notes",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/users/{id}"),
  request: { params: adminUserIdParam },
  responses: {
    200: jsonResponse(envelopeOf(adminUserDetailSchema), "The account"),
    ...errorResponses,
  },
});

const listNotesRoute = createRoute({
  method: "get",
  path: "/{id}/notes",
  tags,
  summary: "Staff notes on an account, newest first (at most 100)",
  security: bearerSecurity,
  middleware: guardFor("GET /api/admin/users/{id}/notes"),
  request: { params: adminUserIdParam },
  responses: {
    200: jsonResponse(envelopeOf(z.array(staffNoteSchema)), "The notes"),
    ...errorResponses,
  },
});

const addNoteRoute = createRoute({
  method: "post",
  path: "/{id}/notes",
  tags,
  summary: "Add a staff note to an account (send an Idempotency-Key)",
  security: bearerSecurity,
  middleware: guardFor("POST /api/admin/users/{id}/notes"),
  request: {
    params: adminUserIdParam,
    headers: idempotencyKeyHeader,
    ...jsonBody(staffNoteRequestSchema),
  },
  responses: {
    200: jsonResponse(envelopeOf(staffNoteSchema), "Added before (the same request)"),
    201: jsonResponse(envelopeOf(staffNoteSchema), "The note"),
    ...errorResponses,
  },
});

export const adminUserRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { rows, total } = await searchUsers(c.env, query);
    return okList(c, rows.map(presentUserSummary), {
      page: query.page,
      perPage: query.per_page,
      total,
    });
  })
  .openapi(detailRoute, async (c) => {
    const { id } = c.req.valid("param");
    return ok(c, await userDetail(c.env, id, c.get("now")), 200);
  })
  .openapi(listNotesRoute, async (c) => {
    const { id } = c.req.valid("param");
    await requireUser(c.env, id);
    return ok(c, (await notesOf(c.env, id)).map(presentNote), 200);
  })
  .openapi(addNoteRoute, async (c) => {
    const { id: userId } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = actorOf(c);
    const result = await withIdempotency(
      c,
      { userId: actor.id, action: `note:${userId}`, request: body },
      async (key) => {
        // The note's id comes from the key: a retry that outran the kept answer still lands
        // on the same row.
        const noteId = await stableId("nt_", key);
        const added = await addNote(
          c.env,
          { id: noteId, userId, authorId: actor.id, body: body.body },
          actor.at,
        );
        if (added.created) {
          await recordAudit(c.env, actor, {
            action: "user.note_added",
            resourceType: "user",
            resourceId: userId,
            details: { note_id: noteId, body: body.body },
          });
        }
        return { status: added.created ? 201 : 200, data: presentNote(added.note) };
      },
    );
    return result.status === 201 ? ok(c, result.data, 201) : ok(c, result.data, 200);
  });
