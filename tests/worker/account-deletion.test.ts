import { env, introspectWorkflow } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import {
  compileRule,
  D1_DATA_MAP,
  isEngineTable,
  type RuleValues,
  type TableRule,
} from "../../server/gdpr/account-data-map";
import {
  assertBillingSettled,
  beginDeletion,
  cancelSubscriptions,
  completeDeletion,
  deleteAccountFiles,
  deleteAccountRecords,
  deleteBillingCustomers,
  removeCustomHostname,
  sendDeletionConfirmation,
} from "../../server/gdpr/delete-account";
import { pseudonymOf } from "../../server/gdpr/delete-requests";
import { findPublicShare } from "../../server/resumes/shares";
import { codeAt, PASSWORD, personWithTotp, postJson, signedInPerson } from "./auth-support";
import { subscribe, waitForSubscription } from "./billing-support";
import { api } from "./helpers";

type Person = Awaited<ReturnType<typeof signedInPerson>>;
type Row = Record<string, unknown>;

const tableRules = (table: string): readonly TableRule[] => {
  const entry = D1_DATA_MAP[table]!;
  return "rules" in entry ? entry.rules : [];
};

async function valuesOf(person: Person): Promise<RuleValues> {
  return {
    user: person.userId,
    email: person.email,
    pseudonym: await pseudonymOf(env, person.userId),
  };
}

async function all<T = Row>(sql: string, params: unknown[] = []) {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

/** The rows (by rowid) a rule's condition finds for one person. */
async function matching(table: string, where: string, values: RuleValues) {
  const { sql, params } = compileRule(`SELECT rowid AS id FROM ${table} WHERE ${where}`, values);
  return (await all<{ id: number }>(sql, params)).map((row) => row.id);
}

let counter = 0;
/**
 * One row with `fixed` columns and a placeholder in every other required column: the test
 * seeds what the API did not create, through the real columns D1 reports.
 */
async function seedRow(table: string, fixed: Row) {
  const columns = await all<{
    name: string;
    type: string;
    notnull: number;
    dflt_value: unknown;
    pk: number;
  }>(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info('${table}')`);
  const row: Row = { ...fixed };
  // a lone INTEGER primary key is the rowid: SQLite numbers it
  const keys = columns.filter((column) => column.pk > 0);
  const rowid =
    keys.length === 1 && keys[0]!.type.toUpperCase() === "INTEGER" ? keys[0]!.name : null;
  for (const column of columns) {
    if (column.name in row || column.name === rowid) continue;
    if (!column.notnull || column.dflt_value !== null) continue;
    row[column.name] =
      column.type.toUpperCase() === "INTEGER" ? ++counter : `${table}-${column.name}-${++counter}`;
  }
  const names = Object.keys(row);
  await env.DB.prepare(
    `INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
  )
    .bind(...names.map((name) => row[name]))
    .run();
  return row;
}

/** Data for `person` in every table of the map, through the API where it is cheap, else SQL. */
async function seedEverything(person: Person) {
  const user = person.userId;
  const resume = await seedRow("resumes", { user_id: user });
  const resumeId = resume.id as string;
  const job = await seedRow("jobs", { owner_id: user, kind: "export" });
  const ticket = await seedRow("support_tickets", { user_id: user });
  const bulk = await seedRow("bulk_emails", {});
  const customer = (
    await all<{ customer_id: string }>(
      "SELECT customer_id FROM billing_customers WHERE user_id = ?",
      [user],
    )
  )[0]!.customer_id;
  const invoice = (
    await all<{ id: string }>("SELECT id FROM invoices WHERE user_id = ?", [user])
  )[0]!;
  const media = await seedRow("media", { user_id: user, resume_id: resumeId });
  const special: Record<string, Row[]> = {
    resume_versions: [{ resume_id: resumeId }],
    resume_shares: [{ resume_id: resumeId, enabled: 1 }],
    custom_domains: [{ user_id: user, resume_id: resumeId }],
    moderation_reports: [
      { resume_id: resumeId, message: "looks like spam" },
      { resume_id: `elsewhere-${++counter}`, reporter_user_id: user },
    ],
    stripe_events: [{ customer_id: customer }],
    local_billing_objects: [{ customer_id: customer, type: "payment_method" }],
    support_messages: [{ ticket_id: ticket.id }],
    job_events: [{ job_id: job.id }],
    email_outbox: [{ to_address: person.email }],
    login_attempts: [{ email: person.email }],
    credential_attempts: [{ key: `user:${user}` }],
    jobs: [],
    bulk_email_recipients: [{ bulk_email_id: bulk.id, user_id: user }],
    audit_log: [{ actor_id: `user:${user}` }, { resource_id: user, resource_type: "user" }],
    credit_notes: [{ invoice_id: invoice.id, user_id: user }],
    analytics_events: [{ user_id: user }],
    ip_bans: [{ user_id: user }],
    subscriptions: [],
    media: [],
  };
  const values = await valuesOf(person);
  for (const [table] of Object.entries(D1_DATA_MAP)) {
    for (const rule of tableRules(table)) {
      if ((await matching(table, rule.where, values)).length > 0) continue;
      for (const fixed of special[table] ?? [{ user_id: user }]) await seedRow(table, fixed);
    }
  }
  const files = [
    `share-pdf/${resumeId}/one.pdf`,
    `exports/pdf/${job.id}`,
    `data-exports/${user}/dx.zip`,
    media.key as string,
  ];
  for (const key of files) await env.FILES.put(key, "x");
  await env.FILES.put(`invoices/${user}/${invoice.id}/paid.pdf`, "x");
  const keys = [
    [env.CACHE, `resume:${resumeId}:v1`],
    [env.JOBS, `job:${job.id}`],
  ] as const;
  for (const [kv, key] of keys) await kv.put(key, "x");
  return { resumeId, files, keys };
}

/** A person on a paid plan (real checkout, so billing has a customer and a subscription). */
async function payingPerson() {
  const person = await signedInPerson();
  await subscribe(person, "standard");
  await waitForSubscription(person, (data) => data.plan === "standard");
  return person;
}

/** Every row each rule finds for the person, by table and rule. */
async function snapshot(values: RuleValues) {
  const found: { table: string; rule: TableRule; ids: number[]; rows: Row[] }[] = [];
  for (const table of Object.keys(D1_DATA_MAP)) {
    for (const rule of tableRules(table)) {
      const ids = await matching(table, rule.where, values);
      const rows = ids.length
        ? await all(`SELECT * FROM ${table} WHERE rowid IN (${ids.join(",")}) ORDER BY rowid`)
        : [];
      found.push({ table, rule, ids, rows });
    }
  }
  return found;
}

async function scheduleDeletion(person: Person) {
  const response = await api(
    "/api/account/deletion",
    postJson({ password: PASSWORD }, person.headers),
  );
  expect(response.status).toBe(202);
  return response.body.data as { id: string; state: string; scheduled_for: number };
}

describe("the account data map", () => {
  it("covers every table D1 has (a new table fails here until it is decided on)", async () => {
    const tables = (
      await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    )
      .map((row) => row.name)
      .filter((name) => !isEngineTable(name));
    expect(tables.filter((name) => !(name in D1_DATA_MAP)).sort()).toEqual([]);
    expect(Object.keys(D1_DATA_MAP).filter((name) => !tables.includes(name))).toEqual([]);
  });
});

describe("delete my account", () => {
  it("deletes everything of the account after the grace, keeps the documented exceptions, leaves others alone", async () => {
    await using workflows = await introspectWorkflow(env.ACCOUNT_DELETION_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const person = await payingPerson();
    const other = await payingPerson();
    const seeded = await seedEverything(person);
    const otherSeeded = await seedEverything(other);
    const values = await valuesOf(person);
    const otherValues = await valuesOf(other);

    const wrong = await api(
      "/api/account/deletion",
      postJson({ password: "nope" }, person.headers),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_credentials");

    const before = await snapshot(values);
    // every rule found something to act on: the seeding covers the whole map
    expect(before.filter((entry) => entry.ids.length === 0).map((e) => e.table)).toEqual([]);
    const othersBefore = await snapshot(otherValues);

    const deletion = await scheduleDeletion(person);
    const instance = await vi.waitFor(
      () => workflows.get()[0] ?? Promise.reject(new Error("no instance yet")),
      { timeout: 15_000, interval: 100 },
    );
    await instance.waitForStatus("complete");

    for (const { table, rule, ids, rows } of before) {
      const left = await all(
        `SELECT * FROM ${table} WHERE rowid IN (${ids.join(",")}) ORDER BY rowid`,
      );
      if (rule.kind === "delete") expect(left, table).toEqual([]);
      if (rule.kind === "kept") expect(left, table).toEqual(rows);
      if (rule.kind === "pseudonymise") {
        expect(left.length, table).toBe(ids.length);
        const still = await matching(
          table,
          `rowid IN (${ids.join(",")}) AND (${rule.identifies ?? rule.where})`,
          values,
        );
        expect(still, table).toEqual([]);
      }
    }
    // the tombstone the kept invoices and cases point at holds nothing of the person
    const tombstone = (await all("SELECT * FROM users WHERE id = ?", [person.userId]))[0];
    expect(tombstone).toMatchObject({
      name: "Deleted account",
      status: "deleted",
      password_hash: null,
      email: `${values.pseudonym}@deleted.invalid`,
      signup_ip: null,
    });
    expect(
      await matching("users_search", "users_search MATCH {email}", {
        ...values,
        email: `"${person.email}"`,
      }),
    ).toEqual([]);
    // the confirmation went out before the address was erased; the outbox keeps no trace of it
    expect(
      await all("SELECT template FROM email_outbox WHERE to_address = ?", [tombstone!.email]),
    ).toContainEqual({ template: "account_deleted" });
    expect(
      await all("SELECT state, user_id FROM account_deletions WHERE id = ?", [deletion.id]),
    ).toEqual([{ state: "completed", user_id: values.pseudonym }]);
    for (const key of seeded.files) expect(await env.FILES.head(key), key).toBeNull();
    for (const [kv, key] of seeded.keys) expect(await kv.get(key), key).toBeNull();
    expect(
      await env.FILES.head(
        `invoices/${person.userId}/${before.find((e) => e.table === "invoices")!.rows[0]!.id}/paid.pdf`,
      ),
    ).not.toBeNull();
    // billing ended through the provider: the subscription's cancellation came back as events
    expect(await all("SELECT plan FROM users WHERE id = ?", [person.userId])).toEqual([
      { plan: "free" },
    ]);

    // the other account: every row, object and key as it was
    const othersAfter = await snapshot(otherValues);
    expect(othersAfter).toEqual(othersBefore);
    for (const key of otherSeeded.files) expect(await env.FILES.head(key), key).not.toBeNull();
    for (const [kv, key] of otherSeeded.keys) expect(await kv.get(key), key).toBe("x");

    // a replay of every step after completion changes nothing
    const after = await snapshot(values);
    const now = Date.now();
    await sendDeletionConfirmation(env, deletion.id, person.userId, now);
    await cancelSubscriptions(env, deletion.id, person.userId);
    await assertBillingSettled(env, person.userId);
    await deleteBillingCustomers(env, person.userId);
    await removeCustomHostname(env, person.userId);
    await deleteAccountFiles(env, person.userId);
    await deleteAccountRecords(env, person.userId);
    await completeDeletion(env, deletion.id, person.userId, now);
    expect(await snapshot(values)).toEqual(after);
    expect(await snapshot(otherValues)).toEqual(othersBefore);
    // signing in: the same answer as a wrong password
    const gone = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    const wrongPassword = await api(
      "/api/auth/login",
      postJson({ email: other.email, password: "not it at all" }),
    );
    expect(gone.status).toBe(401);
    expect(gone.body.error).toEqual(wrongPassword.body.error);
  });

  it("ends sessions and share pages at once; signing in shows the deletion; cancelling stops it for good", async () => {
    await using workflows = await introspectWorkflow(env.ACCOUNT_DELETION_WORKFLOW);
    const person = await signedInPerson();
    const resume = await seedRow("resumes", { user_id: person.userId });
    const slug = `share${++counter}abcdefgh`;
    await seedRow("resume_shares", { resume_id: resume.id, slug, enabled: 1 });
    expect(await findPublicShare(env, slug)).not.toBeNull();
    const deletion = await scheduleDeletion(person);
    expect(deletion.state).toBe("scheduled");
    // the share page is dark from the request on
    expect(await findPublicShare(env, slug)).toBeNull();
    expect(deletion.scheduled_for - Date.now()).toBeGreaterThan(13 * 86_400_000);
    // the session that asked is over
    expect((await api("/api/profile", { headers: person.headers })).status).toBe(401);
    expect(
      (await api("/api/auth/refresh", postJson({ refresh_token: person.tokens.refresh_token })))
        .status,
    ).toBe(401);

    // signing in during the grace works and shows the deletion
    const login = await api(
      "/api/auth/login",
      postJson({ email: person.email, password: PASSWORD }),
    );
    expect(login.status).toBe(200);
    const headers = { Authorization: `Bearer ${login.body.data.access_token}` };
    const status = await api("/api/account/deletion", { headers });
    expect(status.body.data.deletion).toMatchObject({ id: deletion.id, state: "scheduled" });

    const cancelled = await api("/api/account/deletion/cancel", postJson({}, headers));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.state).toBe("cancelled");
    expect((await api("/api/account/deletion", { headers })).body.data.deletion).toBeNull();
    expect(await findPublicShare(env, slug)).not.toBeNull();
    expect((await api("/api/account/deletion/cancel", postJson({}, headers))).status).toBe(404);
    // however late the instance wakes, a cancelled deletion never begins
    expect(await beginDeletion(env, deletion.id, Date.now())).toBe(false);
    expect(await all("SELECT status FROM users WHERE id = ?", [person.userId])).toEqual([
      { status: "pending_verification" },
    ]);
    expect(workflows.get().length).toBe(1);
  });

  it("with a second factor on, the password is not enough: the step-up's code confirms it too", async () => {
    await using _workflows = await introspectWorkflow(env.ACCOUNT_DELETION_WORKFLOW);
    const person = await personWithTotp();
    // the session was opened without the second factor: it is asked for first
    const refused = await api(
      "/api/account/deletion",
      postJson({ password: PASSWORD }, person.headers),
    );
    expect(refused.status).toBe(403);
    expect(["mfa_required", "step_up_required"]).toContain(refused.body.error.code);
    const stepped = await api(
      "/api/auth/step-up",
      postJson({ code: codeAt(person.secret, 1) }, person.headers),
    );
    expect(stepped.status).toBe(200);
    const headers = { Authorization: `Bearer ${stepped.body.data.access_token}` };
    // a wrong password still gets the one answer every wrong factor gets
    const wrong = await api("/api/account/deletion", postJson({ password: "nope" }, headers));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_credentials");
    const scheduled = await api("/api/account/deletion", postJson({ password: PASSWORD }, headers));
    expect(scheduled.status).toBe(202);
    expect(scheduled.body.data.state).toBe("scheduled");
  });

  it("a deletion restarted mid-way finishes once", async () => {
    await using _workflows = await introspectWorkflow(env.ACCOUNT_DELETION_WORKFLOW);
    const person = await signedInPerson();
    const deletion = await scheduleDeletion(person);
    const now = Date.now();
    // the first run got as far as the files, then its instance restarted from the top
    expect(await beginDeletion(env, deletion.id, now)).toBe(true);
    await sendDeletionConfirmation(env, deletion.id, person.userId, now);
    await deleteAccountFiles(env, person.userId);
    expect(await beginDeletion(env, deletion.id, now)).toBe(true);
    await sendDeletionConfirmation(env, deletion.id, person.userId, now);
    await deleteAccountFiles(env, person.userId);
    await deleteAccountRecords(env, person.userId);
    await deleteAccountRecords(env, person.userId);
    await completeDeletion(env, deletion.id, person.userId, now);
    const pseudonym = await pseudonymOf(env, person.userId);
    expect(
      await all(
        "SELECT count(*) AS n FROM email_outbox WHERE template = 'account_deleted' AND to_address = ?",
        [`${pseudonym}@deleted.invalid`],
      ),
    ).toEqual([{ n: 1 }]);
    expect(await all("SELECT state FROM account_deletions WHERE id = ?", [deletion.id])).toEqual([
      { state: "completed" },
    ]);
    expect(await all("SELECT count(*) AS n FROM users WHERE email = ?", [person.email])).toEqual([
      { n: 0 },
    ]);
  });
});
