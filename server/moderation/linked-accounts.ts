// Linked accounts (README "Bans"): other accounts that look like the same person's — one mailbox
// under another spelling, one browser, one payment card, or one registration address within a
// week. Listed for the admin with every signal that links each; banning them together is the
// admin's confirmed choice (api/routes/admin/linked-accounts.ts), never automatic.
import { and, between, eq, gte, inArray, isNotNull, like, lt, ne, or, sql } from "drizzle-orm";
import type { LinkedAccount, LinkSignal } from "../../core/contract/appeals";
import {
  canonicalEmailAlias,
  domainsReaching,
  isDotlessDomain,
  LINKED_ACCOUNTS_MAX,
  SIGNUP_ADDRESS_WINDOW_MS,
} from "../../core/moderation/linked-accounts";
import { createDb } from "../../db/client";
import { paymentMethods, refreshTokens, type UserRow, users } from "../../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";

type Db = ReturnType<typeof createDb>;
type Signals = Map<string, { kind: LinkSignal; detail: string }[]>;

/** Each lookup reads at most this many rows; D1 binds at most 100 values a statement. */
const LOOKUP_ROWS = 500;
const IN_LIST_MAX = 90;

function addSignal(signals: Signals, userId: string, kind: LinkSignal, detail: string) {
  const list = signals.get(userId) ?? [];
  if (!list.some((signal) => signal.kind === kind && signal.detail === detail))
    list.push({ kind, detail });
  signals.set(userId, list);
}

/**
 * Verified accounts whose address reaches the same mailbox. Most domains: the address itself
 * or a `+tag` of it, an index range on `users.email`. Gmail ignores dots, so its addresses are
 * compared by their dotless local part in SQL (a scan of Gmail's addresses, for an admin's read).
 */
async function emailAliasLinks(db: Db, subject: UserRow, signals: Signals) {
  const alias = canonicalEmailAlias(subject.email);
  if (!alias) return;
  const at = alias.lastIndexOf("@");
  const local = alias.slice(0, at);
  const domain = alias.slice(at + 1);
  const localPart = sql`substr(${users.email}, 1, instr(${users.email}, '@') - 1)`;
  const untagged = sql`case when instr(${localPart}, '+') > 0 then substr(${localPart}, 1, instr(${localPart}, '+') - 1) else ${localPart} end`;
  const sameMailbox = isDotlessDomain(domain)
    ? and(
        or(...domainsReaching(domain).map((name) => like(users.email, `%@${name}`))),
        sql`replace(${untagged}, '.', '') = ${local}`,
      )
    : or(
        eq(users.email, alias),
        // `local+…`: every address starting so sorts between `local+` and `local,`.
        and(gte(users.email, `${local}+`), lt(users.email, `${local},`)),
      );
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(sameMailbox, ne(users.id, subject.id), isNotNull(users.emailVerifiedAt)))
    .limit(LOOKUP_ROWS);
  for (const row of rows)
    if (canonicalEmailAlias(row.email) === alias)
      addSignal(signals, row.id, "email_alias", `Both addresses reach ${alias}`);
}

/** Accounts that opened a session in a browser this account used (its device cookie). */
async function deviceLinks(db: Db, subject: UserRow, signals: Signals) {
  const own = await db
    .selectDistinct({ deviceId: refreshTokens.deviceId })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.userId, subject.id), isNotNull(refreshTokens.deviceId)))
    .limit(IN_LIST_MAX);
  const deviceIds = own.flatMap((row) => (row.deviceId ? [row.deviceId] : []));
  if (deviceIds.length === 0) return;
  const rows = await db
    .selectDistinct({ userId: refreshTokens.userId, deviceId: refreshTokens.deviceId })
    .from(refreshTokens)
    .where(and(inArray(refreshTokens.deviceId, deviceIds), ne(refreshTokens.userId, subject.id)))
    .limit(LOOKUP_ROWS);
  for (const row of rows)
    addSignal(
      signals,
      row.userId,
      "device",
      `Signed in from the same browser (device ${row.deviceId?.slice(0, 6)}…)`,
    );
}

/** Accounts that saved a card with the same fingerprint (one card number). */
async function cardLinks(db: Db, subject: UserRow, signals: Signals) {
  const own = await db
    .selectDistinct({
      fingerprint: paymentMethods.fingerprint,
      brand: paymentMethods.brand,
      last4: paymentMethods.last4,
    })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.userId, subject.id), isNotNull(paymentMethods.fingerprint)))
    .limit(IN_LIST_MAX);
  const cards = new Map(own.map((row) => [row.fingerprint as string, row]));
  if (cards.size === 0) return;
  const rows = await db
    .selectDistinct({ userId: paymentMethods.userId, fingerprint: paymentMethods.fingerprint })
    .from(paymentMethods)
    .where(
      and(
        inArray(paymentMethods.fingerprint, [...cards.keys()]),
        ne(paymentMethods.userId, subject.id),
      ),
    )
    .limit(LOOKUP_ROWS);
  for (const row of rows) {
    const card = cards.get(row.fingerprint as string);
    const named = card?.last4 ? `${card.brand ?? "card"} •••• ${card.last4}` : "a card";
    addSignal(signals, row.userId, "card", `The same payment card (${named})`);
  }
}

/** Accounts registered from the same address within the window either side of this one. */
async function signupAddressLinks(db: Db, subject: UserRow, signals: Signals) {
  if (!subject.signupIp) return;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.signupIp, subject.signupIp),
        between(
          users.createdAt,
          subject.createdAt - SIGNUP_ADDRESS_WINDOW_MS,
          subject.createdAt + SIGNUP_ADDRESS_WINDOW_MS,
        ),
        ne(users.id, subject.id),
      ),
    )
    .limit(LOOKUP_ROWS);
  const days = SIGNUP_ADDRESS_WINDOW_MS / 86_400_000;
  for (const row of rows)
    addSignal(
      signals,
      row.id,
      "signup_address",
      `Registered from ${subject.signupIp} within ${days} days`,
    );
}

/**
 * The accounts linked to `userId` with every signal that links each, the most-linked first
 * (then the newest), at most LINKED_ACCOUNTS_MAX. 404 for an unknown account.
 */
export async function linkedAccounts(
  env: Pick<Env, "DB">,
  userId: string,
): Promise<LinkedAccount[]> {
  const db = createDb(env.DB);
  const [subject] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!subject) throw notFound("Account");
  const signals: Signals = new Map();
  await emailAliasLinks(db, subject, signals);
  await deviceLinks(db, subject, signals);
  await cardLinks(db, subject, signals);
  await signupAddressLinks(db, subject, signals);
  const ids = [...signals.keys()];
  const accounts: Pick<UserRow, "id" | "email" | "status" | "createdAt">[] = [];
  for (let start = 0; start < ids.length; start += IN_LIST_MAX) {
    accounts.push(
      ...(await db
        .select({
          id: users.id,
          email: users.email,
          status: users.status,
          createdAt: users.createdAt,
        })
        .from(users)
        .where(inArray(users.id, ids.slice(start, start + IN_LIST_MAX)))),
    );
  }
  return accounts
    .map((account) => ({ account, signals: signals.get(account.id) ?? [] }))
    .sort(
      (a, b) => b.signals.length - a.signals.length || b.account.createdAt - a.account.createdAt,
    )
    .slice(0, LINKED_ACCOUNTS_MAX)
    .map(({ account, signals: found }) => ({
      user_id: account.id,
      email: account.email,
      status: account.status,
      created_at: new Date(account.createdAt).toISOString(),
      signals: found,
    }));
}
