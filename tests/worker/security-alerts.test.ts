import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { raiseSecurityAlert } from "../../server/security/alerts";
import { postJson, signedInPerson } from "./auth-support";
import { api, bearerFor, countRows, uniqueId } from "./helpers";

let keys = 0;
const key = () => `alert-${Date.now().toString(36)}-${++keys}`;

const alertsOf = (userId: string) =>
  env.DB.prepare("SELECT * FROM security_alerts WHERE user_id = ? ORDER BY created_at")
    .bind(userId)
    .all<{ id: string; kind: string; count: number; state: string; reasons_json: string }>();

const alertMails = (alertId: string) =>
  countRows(
    "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND template = 'security_alert_raised' AND dedupe_key = ?",
    env.OPS_ALERT_EMAIL,
    `security-alert:${alertId}`,
  );

async function act(id: string, action: string, note: string, headers?: Record<string, string>) {
  return api(`/api/admin/security-alerts/${id}/${action}`, {
    method: "POST",
    headers: {
      ...(headers ?? (await bearerFor("admin")).headers),
      "Content-Type": "application/json",
      "Idempotency-Key": key(),
    },
    body: JSON.stringify({ note }),
  });
}

describe("security alerts", () => {
  it("raises a token_theft alert, emailed to the alert address, when a refresh token is reused", async () => {
    const person = await signedInPerson();
    const refresh = (token: string) => api("/api/auth/refresh", postJson({ refresh_token: token }));
    expect((await refresh(person.tokens.refresh_token)).status).toBe(200);
    expect((await refresh(person.tokens.refresh_token)).status).toBe(401);

    const { results } = await alertsOf(person.userId);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: "token_theft", state: "open", count: 1 });
    expect(await alertMails(results[0]!.id)).toBe(1);
    const text = await env.DB.prepare("SELECT text_body FROM email_outbox WHERE dedupe_key = ?")
      .bind(`security-alert:${results[0]!.id}`)
      .first<string>("text_body");
    expect(text).toContain(person.email);
  });

  it("counts a repeat on the open alert (one email), and raises a new one after it is resolved", async () => {
    const person = await signedInPerson();
    const now = Date.now();
    const raise = (reason: string, at: number) =>
      raiseSecurityAlert(
        env,
        { userId: person.userId, kind: "risk_critical", severity: "high", reasons: [reason] },
        at,
      );
    const first = await raise("impossible travel", now);
    const again = await raise("new device", now + 1000);
    expect(again.id).toBe(first.id);
    expect(again.count).toBe(2);
    expect(JSON.parse(again.reasonsJson)).toEqual(["impossible travel", "new device"]);
    expect(await alertMails(first.id)).toBe(1);

    const moderator = await act(
      first.id,
      "acknowledge",
      "",
      (await bearerFor("moderator")).headers,
    );
    expect(moderator.status).toBe(403);
    const acknowledged = await act(first.id, "acknowledge", "looking");
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.data).toMatchObject({
      state: "acknowledged",
      acknowledge_note: "looking",
    });
    // Acknowledged is still unresolved: a repeat counts on it.
    expect((await raise("new device", now + 2000)).count).toBe(3);

    const resolved = await act(first.id, "resolve", "the owner travelled");
    expect(resolved.body.data).toMatchObject({
      state: "resolved",
      resolve_note: "the owner travelled",
    });
    expect((await act(first.id, "resolve", "twice")).body.error.code).toBe("alert_resolved");
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE resource_type = 'security_alert' AND resource_id = ?",
        first.id,
      ),
    ).toBe(2);

    const next = await raise("impossible travel", now + 3000);
    expect(next.id).not.toBe(first.id);
    expect(await alertMails(next.id)).toBe(1);
  });

  it("lists alerts by state and severity and shows one with its account", async () => {
    const person = await signedInPerson();
    const kind = uniqueId("kind");
    const alert = await raiseSecurityAlert(
      env,
      { userId: person.userId, kind, severity: "critical", reasons: ["risk 91"] },
      Date.now(),
    );
    const { headers } = await bearerFor("admin");
    const critical = await api(
      `/api/admin/security-alerts?state=open&severity=critical&user_id=${person.userId}`,
      { headers },
    );
    expect(critical.status).toBe(200);
    expect(critical.body.data.map((row: { id: string }) => row.id)).toEqual([alert.id]);
    const resolved = await api(
      `/api/admin/security-alerts?state=resolved&user_id=${person.userId}`,
      { headers },
    );
    expect(resolved.body.data).toEqual([]);
    const one = await api(`/api/admin/security-alerts/${alert.id}`, { headers });
    expect(one.body.data).toMatchObject({
      user_email: person.email,
      reasons: ["risk 91"],
      severity: "critical",
    });
    const missing = await api(`/api/admin/security-alerts/${crypto.randomUUID()}`, { headers });
    expect(missing.status).toBe(404);
  });
});
