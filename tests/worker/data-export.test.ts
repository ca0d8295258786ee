import { createScheduledController, env, introspectWorkflow, SELF } from "cloudflare:test";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DATA_EXPORT_TTL_MS, newDataExportId } from "../../core/gdpr/data-export";
import { signDataExportToken } from "../../server/gdpr/export-links";
import { consumeLimit, REQUEST_LIMITS } from "../../server/ops/rate-limits";
import worker from "../../worker";
import { postJson, signedInPerson } from "./auth-support";
import { api, countRows, servedAt, uniqueId, waitForJob } from "./helpers";

/**
 * "Export my data" (README "Your data"): the zip holds every category of the account's data
 * and none of its secrets; a repeat returns the running export; the signed link opens only
 * its zip, for 7 days; another account sees nothing; the cron deletes expired zips.
 */

const TIMEOUT = 60_000;
const SECRET_TOTP = "TOTPSECRETNEVEREXPORTED234567ABC";
const SHARE_HASH = "pbkdf2-sha256$1$share-salt-never-exported$hash";

type Person = Awaited<ReturnType<typeof signedInPerson>>;
const keyed = (headers: Record<string, string>, key = uniqueId("idem")) =>
  postJson({}, { ...headers, "Idempotency-Key": key });
const run = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .run();

/** A person with something in every category the export gathers. */
async function personWithData() {
  const person = await signedInPerson();
  const now = Date.now();
  await run("UPDATE users SET email_verified_at = ? WHERE id = ?", now, person.userId);
  const created = await api("/api/resumes", postJson({ title: "Data export CV" }, person.headers));
  const resumeId = created.body.data.id as string;
  const saved = await api(`/api/resumes/${resumeId}`, {
    method: "PATCH",
    headers: { ...person.headers, "Content-Type": "application/json", "If-Match": '"1"' },
    body: JSON.stringify({ data: { basics: { name: "Katherine Johnson", label: "Navigator" } } }),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const u = person.userId;
  await run(
    "INSERT INTO resume_shares (resume_id, slug, enabled, password_hash, views, downloads, created_at, updated_at) VALUES (?, ?, 1, ?, 7, 3, ?, ?)",
    resumeId,
    uniqueId("slug"),
    SHARE_HASH,
    now,
    now,
  );
  await run(
    "INSERT INTO totp_factors (user_id, secret_encrypted, enabled_at, created_at) VALUES (?, ?, ?, ?)",
    u,
    SECRET_TOTP,
    now,
    now,
  );
  await run(
    "INSERT INTO invoices (id, user_id, customer_id, status, currency, amount_due, amount_paid, lines_json, created_at, updated_at) VALUES (?, ?, ?, 'paid', 'usd', 1499, 1499, '[]', ?, ?)",
    `in_${u}`,
    u,
    `cus_${u}`,
    now,
    now,
  );
  await run(
    "INSERT INTO billing_events (id, user_id, type, source, detail_json, created_at) VALUES (?, ?, 'invoice.paid', 'stripe', '{\"amount\":1499}', ?)",
    `be_${u}`,
    u,
    now,
  );
  await run(
    "INSERT INTO support_tickets (id, user_id, subject, category, status, created_at, updated_at) VALUES (?, ?, 'Export question', 'account', 'open', ?, ?)",
    `t_${u}`,
    u,
    now,
    now,
  );
  await run(
    "INSERT INTO support_messages (id, ticket_id, author_id, author_kind, body, created_at) VALUES (?, ?, ?, 'user', 'Where is my data?', ?)",
    `m_${u}`,
    `t_${u}`,
    u,
    now,
  );
  await run(
    "INSERT INTO strikes (id, user_id, category, severity, source, created_at) VALUES (?, ?, 'spam', 'minor', 'moderator', ?)",
    `s_${u}`,
    u,
    now,
  );
  await run(
    "INSERT INTO account_sanctions (id, user_id, kind, reason, source, cause_key, created_by, starts_at, previous_status) VALUES (?, ?, 'suspension', 'spam', 'manual', ?, 'staff', ?, 'active')",
    `as_${u}`,
    u,
    `cause_${u}`,
    now,
  );
  await run(
    "INSERT INTO appeals (id, user_id, subject_kind, subject_id, message, channel, status, created_at) VALUES (?, ?, 'sanction', ?, 'Please reconsider', 'app', 'open', ?)",
    `ap_${u}`,
    u,
    `as_${u}`,
    now,
  );
  const photoKey = `${uniqueId("photo")}.png`;
  await env.FILES.put(photoKey, new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
  await run(
    "INSERT INTO media (key, user_id, kind, content_type, bytes, width, height, sha256, created_at) VALUES (?, ?, 'avatar', 'image/png', 7, 200, 200, 'x', ?)",
    photoKey,
    u,
    now,
  );
  const exportJob = `export-${crypto.randomUUID()}`;
  await env.FILES.put(`exports/txt/${exportJob}`, "Katherine Johnson — plain text resume");
  await run(
    "INSERT INTO jobs (id, kind, owner_id, status, percent, result_json, revision, created_at, updated_at) VALUES (?, 'export', ?, 'succeeded', 100, ?, 'r', ?, ?)",
    exportJob,
    `user:${u}`,
    JSON.stringify({ format: "txt", filename: "Data-export-CV.txt" }),
    now,
    now,
  );
  return { ...person, resumeId, photoKey, exportJob };
}

async function finishedExport(person: Person) {
  await using _workflows = await introspectWorkflow(env.DATA_EXPORT_WORKFLOW);
  const requested = await api("/api/account/data-export", keyed(person.headers));
  expect(requested.status, JSON.stringify(requested.body)).toBe(202);
  const id = requested.body.data.id as string;
  await waitForJob(id, "succeeded", 45_000);
  const latest = await api("/api/account/data-export", { headers: person.headers });
  expect(latest.body.data).toMatchObject({ id, state: "ready", progress: 100 });
  return latest.body.data as { id: string; download_url: string; expires_at: string };
}

const tokenOf = (url: string) => new URL(url, "http://x").searchParams.get("token") as string;
const download = (path: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`http://localhost${path}`, { headers });

describe("export my data", () => {
  it(
    "zips every category and file of the account, no secret, and emails a link that downloads it",
    async () => {
      const person = await personWithData();
      const ready = await finishedExport(person);

      const response = await download(ready.download_url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/zip");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
      const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
      const names = Object.keys(files);
      expect(names).toEqual(
        expect.arrayContaining([
          "README.txt",
          "account.json",
          "billing.json",
          "sign-ins.json",
          "support.json",
          "standing.json",
          "activity.json",
          "exports/index.json",
          "photos/index.json",
          `resumes/${person.resumeId}.json`,
          `exports/${person.exportJob}/Data-export-CV.txt`,
          `photos/${person.photoKey}`,
        ]),
      );
      const text = (name: string) => new TextDecoder().decode(files[name]);
      const json = (name: string) => JSON.parse(text(name));

      const account = json("account.json");
      expect(account.profile).toMatchObject({ id: person.userId, email: person.email });
      expect(account.two_factor).toHaveLength(1);
      const resume = json(`resumes/${person.resumeId}.json`);
      expect(resume.data.basics.name).toBe("Katherine Johnson");
      expect(resume.versions.length).toBeGreaterThanOrEqual(1);
      expect(resume.share).toMatchObject({ views: 7, downloads: 3, password_protected: 1 });
      expect(json("billing.json").invoices).toEqual([
        expect.objectContaining({ id: `in_${person.userId}`, amount_paid: 1499, lines: [] }),
      ]);
      expect(json("billing.json").billing_events[0].detail).toEqual({ amount: 1499 });
      expect(json("sign-ins.json").sessions.length).toBeGreaterThan(0);
      expect(json("sign-ins.json").sign_in_attempts.length).toBeGreaterThan(0);
      expect(json("support.json").messages[0].body).toBe("Where is my data?");
      const standing = json("standing.json");
      expect(standing.strikes).toHaveLength(1);
      expect(standing.sanctions).toHaveLength(1);
      expect(standing.appeals[0].message).toBe("Please reconsider");
      expect(text(`exports/${person.exportJob}/Data-export-CV.txt`)).toContain("plain text");
      expect([...(files[`photos/${person.photoKey}`] ?? [])]).toEqual([137, 80, 78, 71, 1, 2, 3]);
      expect(text("README.txt")).toContain("resumes/{id}.json");

      // No secret, in any file: password and share hashes, the TOTP secret, token hashes.
      const { password_hash: passwordHash } = (await env.DB.prepare(
        "SELECT password_hash FROM users WHERE id = ?",
      )
        .bind(person.userId)
        .first<{ password_hash: string }>()) as { password_hash: string };
      const tokenHashes = await env.DB.prepare(
        "SELECT token_hash FROM refresh_tokens WHERE user_id = ?",
      )
        .bind(person.userId)
        .all<{ token_hash: string }>();
      const everything = names.map(text).join("\n");
      for (const secret of [
        passwordHash,
        SHARE_HASH,
        SECRET_TOTP,
        ...tokenHashes.results.map((row) => row.token_hash),
      ]) {
        expect(everything).not.toContain(secret);
      }
      expect(everything).not.toMatch(/password_hash|secret_encrypted|token_hash|code_hash/);

      // The parts are gone once the zip is stored; the run is recorded for operators.
      const parts = await env.FILES.list({ prefix: `data-exports/${person.userId}/${ready.id}/` });
      expect(parts.objects).toEqual([]);
      expect(
        await countRows(
          "SELECT count(*) AS n FROM workflow_runs WHERE instance_id = ? AND workflow = 'data-export' AND status = 'complete'",
          ready.id,
        ),
      ).toBe(1);

      // The email's link downloads the same zip without a session.
      const mail = await env.DB.prepare(
        "SELECT text_body FROM email_outbox WHERE to_address = ? AND template = 'data_export_ready'",
      )
        .bind(person.email)
        .all<{ text_body: string }>();
      expect(mail.results).toHaveLength(1);
      const link = mail.results[0]?.text_body.match(
        /https?:\/\/\S*data-export\/download\?token=\S+/,
      );
      expect(link).not.toBeNull();
      const emailed = await download(
        new URL(link?.[0] as string).pathname + new URL(link?.[0] as string).search,
      );
      expect(emailed.status).toBe(200);
      await emailed.arrayBuffer();
    },
    TIMEOUT,
  );

  it("returns the running export to a repeat, and replays a retried request", async () => {
    const person = await signedInPerson();
    const running = newDataExportId();
    await run(
      "INSERT INTO data_exports (id, user_id, state, progress, created_at) VALUES (?, ?, 'running', 40, ?)",
      running,
      person.userId,
      Date.now(),
    );
    const again = await api("/api/account/data-export", keyed(person.headers));
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ id: running, state: "running", progress: 40 });
    const key = uniqueId("idem");
    const first = await api("/api/account/data-export", keyed(person.headers, key));
    const retried = await api("/api/account/data-export", keyed(person.headers, key));
    expect(retried.response.headers.get("idempotent-replayed")).toBe("true");
    expect(retried.body.data.id).toBe(first.body.data.id);
    const missing = await api("/api/account/data-export", postJson({}, person.headers));
    expect(missing.status).toBe(400);
    expect(
      await countRows("SELECT count(*) AS n FROM data_exports WHERE user_id = ?", person.userId),
    ).toBe(1);
  });

  it("marks a failed export failed, keeps nothing of it in R2, and lets the person ask again", async () => {
    const person = await signedInPerson();
    await using workflows = await introspectWorkflow(env.DATA_EXPORT_WORKFLOW);
    await workflows.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "zip" }, new Error("R2 is down"), 3);
    });
    const requested = await api("/api/account/data-export", keyed(person.headers));
    const id = requested.body.data.id as string;
    await waitForJob(id, "failed", 45_000);
    const failed = await api(`/api/account/data-export/${id}`, { headers: person.headers });
    expect(failed.body.data).toMatchObject({
      state: "failed",
      download_url: null,
      error: "We could not export your data. Please try again.",
    });
    const stored = await env.FILES.list({ prefix: `data-exports/${person.userId}/` });
    expect(stored.objects).toEqual([]);
    const again = await api("/api/account/data-export", keyed(person.headers));
    expect(again.status).toBe(202);
    expect(again.body.data.id).not.toBe(id);
  });

  it("refuses a new export once the account's allowance is spent", async () => {
    const person = await signedInPerson();
    const now = Date.now();
    for (let used = 0; used < REQUEST_LIMITS.dataExport.limit; used++) {
      await consumeLimit(env, "dataExport", person.userId, now);
    }
    const refused = await api(
      "/api/account/data-export",
      keyed({ ...person.headers, ...servedAt(now) }),
    );
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(
      await countRows("SELECT count(*) AS n FROM data_exports WHERE user_id = ?", person.userId),
    ).toBe(0);
  });

  it(
    "opens the zip only with its genuine, unexpired link; another account sees nothing; the cron deletes it",
    async () => {
      const owner = await personWithData();
      const ready = await finishedExport(owner);
      const token = tokenOf(ready.download_url);

      const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
      expect((await download(`/api/account/data-export/download?token=${tampered}`)).status).toBe(
        404,
      );
      const forged = await signDataExportToken(env, newDataExportId(), Date.now() + 60_000);
      expect((await download(`/api/account/data-export/download?token=${forged}`)).status).toBe(
        404,
      );
      const lapsed = await signDataExportToken(env, ready.id, Date.now() - 1000);
      const expiredLink = await download(`/api/account/data-export/download?token=${lapsed}`);
      expect(expiredLink.status).toBe(410);
      expect((await expiredLink.json<{ error: { code: string } }>()).error.code).toBe(
        "export_expired",
      );

      const stranger = await signedInPerson();
      const theirs = await api(`/api/account/data-export/${ready.id}`, {
        headers: stranger.headers,
      });
      expect(theirs.status).toBe(404);
      const strangerLatest = await api("/api/account/data-export", { headers: stranger.headers });
      expect(strangerLatest.body.data).toBeNull();

      // Seven days later: the link is 410, and the five-minute cron deletes the zip.
      const expiresAt = Date.parse(ready.expires_at);
      expect(expiresAt - Date.now()).toBeGreaterThan(DATA_EXPORT_TTL_MS - 60_000);
      const late = await download(ready.download_url, servedAt(expiresAt + 1));
      expect(late.status).toBe(410);
      await late.arrayBuffer();
      await worker.scheduled(
        createScheduledController({ scheduledTime: expiresAt + 1, cron: "*/5 * * * *" }),
        env,
      );
      expect(await env.FILES.head(`data-exports/${owner.userId}/${ready.id}.zip`)).toBeNull();
      const after = await api(`/api/account/data-export/${ready.id}`, { headers: owner.headers });
      expect(after.body.data).toMatchObject({ state: "expired", download_url: null });
      expect((await download(ready.download_url)).status).toBe(410);
    },
    TIMEOUT,
  );
});
