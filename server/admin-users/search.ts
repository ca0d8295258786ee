// The admin user list (README "Admin: users"): search, filters, sort and a page, in one indexed
// query plus its count. Name/email words go through the `users_search` FTS5 index (migration
// 0021); ids, emails and payment customer ids are exact lookups on their unique indexes.
import { and, asc, count, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { dayBounds, ftsPrefixQuery } from "../../core/admin/user-search";
import type { AdminUsersQuery } from "../../core/contract/admin-users";
import { createDb } from "../../db/client";
import { billingCustomers, users } from "../../db/schema";
import type { Env } from "../env";

export type UserListRow = typeof users.$inferSelect & { customerId: string | null };

/**
 * The rowids of accounts the search text names. A UNION of index lookups, so SQLite walks the
 * few matching rowids instead of testing every account against an OR.
 */
function searchCondition(q: string): SQL {
  const exact = q.toLowerCase();
  const fts = ftsPrefixQuery(q);
  const lookups = [
    sql`SELECT rowid FROM users WHERE id = ${q}`,
    sql`SELECT rowid FROM users WHERE email = ${exact}`,
    sql`SELECT u.rowid FROM billing_customers b JOIN users u ON u.id = b.user_id WHERE b.customer_id = ${q}`,
  ];
  if (fts) lookups.push(sql`SELECT rowid FROM users_search WHERE users_search MATCH ${fts}`);
  return sql`${users}.rowid IN (${sql.join(lookups, sql` UNION `)})`;
}

/** The list's filters without its paging and sort: what a bulk action's selection names too. */
export type UserListFilter = Omit<AdminUsersQuery, "page" | "per_page" | "sort" | "order">;

/**
 * The WHERE of the list's filters (undefined: every account). Exported so bulk actions
 * (export, email) select exactly the accounts the list shows for the same filter.
 */
export function userListConditions(query: UserListFilter): SQL | undefined {
  const where: SQL[] = [];
  if (query.q) where.push(searchCondition(query.q));
  if (query.status) where.push(eq(users.status, query.status));
  if (query.plan) where.push(eq(users.plan, query.plan));
  if (query.role) where.push(eq(users.role, query.role));
  if (query.has_mfa) where.push(eq(users.mfaEnabled, query.has_mfa === "true"));
  const signedUp = dayBounds(query.signed_up_from, query.signed_up_to);
  if (signedUp.from !== undefined) where.push(gte(users.createdAt, signedUp.from));
  if (signedUp.toExclusive !== undefined) where.push(lt(users.createdAt, signedUp.toExclusive));
  const active = dayBounds(query.active_from, query.active_to);
  if (active.from !== undefined) where.push(gte(users.lastLoginAt, active.from));
  if (active.toExclusive !== undefined) where.push(lt(users.lastLoginAt, active.toExclusive));
  return where.length ? and(...where) : undefined;
}

const SORT_COLUMNS = {
  created_at: users.createdAt,
  last_login_at: users.lastLoginAt,
  email: users.email,
} as const;

export async function searchUsers(
  env: Pick<Env, "DB">,
  query: AdminUsersQuery,
): Promise<{ rows: UserListRow[]; total: number }> {
  const db = createDb(env.DB);
  const where = userListConditions(query);
  const direction = query.order === "asc" ? asc : desc;
  const [rows, [total]] = await Promise.all([
    db
      .select({ user: users, customerId: billingCustomers.customerId })
      .from(users)
      .leftJoin(billingCustomers, eq(billingCustomers.userId, users.id))
      .where(where)
      // The rowid breaks ties, so pages never repeat or skip an account with an equal key; it
      // is the tail of every index on `users`, so the sort still walks the index (the id is not).
      .orderBy(direction(SORT_COLUMNS[query.sort]), direction(sql`${users}.rowid`))
      .limit(query.per_page)
      .offset((query.page - 1) * query.per_page),
    db.select({ value: count() }).from(users).where(where),
  ]);
  return {
    rows: rows.map(({ user, customerId }) => ({ ...user, customerId })),
    total: total?.value ?? 0,
  };
}
