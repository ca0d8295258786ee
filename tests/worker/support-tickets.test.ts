import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { REQUEST_LIMITS } from "../../server/ops/rate-limits";
import { mailTo, postJson, signedInPerson } from "./auth-support";
import { api, bearerFor, countRows, servedAt } from "./helpers";

type Headers = Record<string, string>;
type Person = Awaited<ReturnType<typeof signedInPerson>>;

const HOUR = 3_600_000;

async function openTicket(
  person: Person,
  body: Record<string, unknown> = {},
  headers: Headers = {},
) {
  const opened = await api(
    "/api/support/tickets",
    postJson(
      { subject: "Cannot export", category: "export", message: "The PDF is blank.", ...body },
      { ...person.headers, ...headers },
    ),
  );
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  return opened.body.data;
}

async function ownResume(person: Person, title = "Staff engineer") {
  const created = await api("/api/resumes", postJson({ title }, person.headers));
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

const ticketRow = (id: string) =>
  env.DB.prepare("SELECT * FROM support_tickets WHERE id = ?").bind(id).first<{
    status: string;
    first_response_at: number | null;
    solved_at: number | null;
    updated_at: number;
  }>();

describe("support tickets, the user's side", () => {
  it("opens a ticket linked to an own resume and reads it back, newest first", async () => {
    const person = await signedInPerson();
    const resumeId = await ownResume(person);
    const first = await openTicket(person, { subject: "First question" });
    const second = await openTicket(person, {
      subject: "About my resume",
      category: "editor",
      message: "  The bullets vanish.  ",
      resume_id: resumeId,
    });
    expect(second).toMatchObject({
      subject: "About my resume",
      category: "editor",
      status: "open",
      resume_id: resumeId,
      resume: { id: resumeId, title: "Staff engineer" },
      first_response_at: null,
      messages: [{ author_kind: "user", body: "The bullets vanish." }],
    });

    const list = await api("/api/support/tickets?per_page=1", { headers: person.headers });
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: { id: string }) => t.id)).toEqual([second.id]);
    expect(list.body.pagination).toMatchObject({ total: 2, total_pages: 2 });
    const page2 = await api("/api/support/tickets?per_page=1&page=2", { headers: person.headers });
    expect(page2.body.data[0].id).toBe(first.id);

    const thread = await api(`/api/support/tickets/${second.id}`, { headers: person.headers });
    expect(thread.status).toBe(200);
    expect(thread.body.data.messages).toHaveLength(1);
  });

  it("refuses someone else's resume and someone else's ticket with 404", async () => {
    const [owner, stranger] = await Promise.all([signedInPerson(), signedInPerson()]);
    const theirResume = await ownResume(stranger);
    const refused = await api(
      "/api/support/tickets",
      postJson(
        { subject: "Help", category: "other", message: "Hi", resume_id: theirResume },
        owner.headers,
      ),
    );
    expect(refused.status).toBe(404);
    expect(
      await countRows("SELECT count(*) AS n FROM support_tickets WHERE user_id = ?", owner.userId),
    ).toBe(0);

    const ticket = await openTicket(owner);
    const peek = await api(`/api/support/tickets/${ticket.id}`, { headers: stranger.headers });
    expect(peek.status).toBe(404);
    expect(peek.body.error.code).toBe("not_found");
    const write = await api(
      `/api/support/tickets/${ticket.id}/messages`,
      postJson({ body: "Me too" }, stranger.headers),
    );
    expect(write.status).toBe(404);
    const list = await api("/api/support/tickets", { headers: stranger.headers });
    expect(list.body.data).toEqual([]);
  });

  it("validates and bounds the input with the 400 envelope", async () => {
    const person = await signedInPerson();
    const bad = await api(
      "/api/support/tickets",
      postJson(
        { subject: "x", category: "lottery", message: "y".repeat(5001), extra: 1 },
        person.headers,
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    const paths = bad.body.error.details.map((issue: { path: string[] }) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["subject", "category", "message"]));
    const empty = await api(
      "/api/support/tickets/whatever/messages",
      postJson({ body: "   " }, person.headers),
    );
    expect(empty.status).toBe(400);
    const anonymous = await api("/api/support/tickets");
    expect(anonymous.status).toBe(401);
  });

  it("replays a repeated Idempotency-Key instead of opening a second ticket", async () => {
    const person = await signedInPerson();
    const key = { "Idempotency-Key": "ticket-key-0001" };
    const first = await openTicket(person, {}, key);
    const again = await api(
      "/api/support/tickets",
      postJson(
        { subject: "Cannot export", category: "export", message: "The PDF is blank." },
        { ...person.headers, ...key },
      ),
    );
    expect(again.status).toBe(201);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.data.id).toBe(first.id);
    expect(
      await countRows("SELECT count(*) AS n FROM support_tickets WHERE user_id = ?", person.userId),
    ).toBe(1);
  });

  it("limits how many tickets one account opens in an hour", async () => {
    const person = await signedInPerson();
    const at = servedAt(Date.now());
    for (let n = 0; n < REQUEST_LIMITS.supportTicket.limit; n++) await openTicket(person, {}, at);
    const over = await api(
      "/api/support/tickets",
      postJson(
        { subject: "One more", category: "other", message: "Hello" },
        { ...person.headers, ...at },
      ),
    );
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe("rate_limited");
    expect(over.response.headers.get("retry-after")).toBeTruthy();
  });
});

describe("support tickets, support's side", () => {
  it("answers: the ticket is pending, the user is emailed once, a user reply reopens it", async () => {
    const person = await signedInPerson();
    const ticket = await openTicket(person, { subject: "Billing twice" });
    const agent = await bearerFor("support");

    const reply = await api(
      `/api/admin/support/tickets/${ticket.id}/messages`,
      postJson(
        { body: "We refunded the second charge." },
        { ...agent.headers, "Idempotency-Key": "reply-key-0001" },
      ),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.data).toMatchObject({ author_kind: "staff", author_id: agent.id });
    const replayed = await api(
      `/api/admin/support/tickets/${ticket.id}/messages`,
      postJson(
        { body: "We refunded the second charge." },
        { ...agent.headers, "Idempotency-Key": "reply-key-0001" },
      ),
    );
    expect(replayed.body.data.id).toBe(reply.body.data.id);

    const row = await ticketRow(ticket.id);
    expect(row?.status).toBe("pending");
    expect(row?.first_response_at).toBeGreaterThan(0);
    const [mail] = await mailTo(person.email, "support_reply");
    expect(mail!.text_body).toContain("We refunded the second charge.");
    expect(mail!.text_body).toContain(`/support/${ticket.id}`);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND template = 'support_reply'",
        person.email,
      ),
    ).toBe(1);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'support_ticket.replied' AND resource_id = ?",
        ticket.id,
      ),
    ).toBe(1);

    const seen = await api(`/api/support/tickets/${ticket.id}`, { headers: person.headers });
    expect(seen.body.data.status).toBe("pending");
    expect(seen.body.data.messages.map((m: { author_kind: string }) => m.author_kind)).toEqual([
      "user",
      "staff",
    ]);
    // The owner never sees which staff account answered.
    expect(seen.body.data.messages[1]).not.toHaveProperty("author_id");

    const back = await api(
      `/api/support/tickets/${ticket.id}/messages`,
      postJson({ body: "Thanks, and the invoice?" }, person.headers),
    );
    expect(back.status).toBe(201);
    expect(back.body.data.status).toBe("open");
    expect(back.body.data.messages).toHaveLength(3);
    // The first response time stays the first.
    expect((await ticketRow(ticket.id))?.first_response_at).toBe(row?.first_response_at);
  });

  it("changes the status once, audits it, and reopens a solved ticket on the user's message", async () => {
    const person = await signedInPerson();
    const ticket = await openTicket(person);
    const agent = await bearerFor("support");
    const solve = () =>
      api(
        `/api/admin/support/tickets/${ticket.id}/status`,
        postJson({ status: "solved" }, agent.headers),
      );
    expect((await solve()).body.data.status).toBe("solved");
    expect((await solve()).status).toBe(200);
    expect((await ticketRow(ticket.id))?.solved_at).toBeGreaterThan(0);
    expect(
      await countRows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'support_ticket.status_changed' AND resource_id = ?",
        ticket.id,
      ),
    ).toBe(1);
    const bad = await api(
      `/api/admin/support/tickets/${ticket.id}/status`,
      postJson({ status: "closed" }, agent.headers),
    );
    expect(bad.status).toBe(400);

    await api(
      `/api/support/tickets/${ticket.id}/messages`,
      postJson({ body: "It broke again" }, person.headers),
    );
    const reopened = await ticketRow(ticket.id);
    expect(reopened?.status).toBe("open");
    expect(reopened?.solved_at).toBeNull();
  });

  it("lists the queue oldest wait first with its age, filtered, and shows one ticket in full", async () => {
    const person = await signedInPerson();
    const resumeId = await ownResume(person, "Queue resume");
    const now = Date.now();
    const older = await openTicket(
      person,
      { subject: "Older queue question" },
      servedAt(now - 30 * HOUR),
    );
    const newer = await openTicket(
      person,
      { subject: "Newer queue question", category: "billing", resume_id: resumeId },
      servedAt(now - HOUR),
    );
    const agent = await bearerFor("support");
    const queue = await api(
      `/api/admin/support/tickets?status=open&q=${encodeURIComponent(person.email)}`,
      { headers: { ...agent.headers, ...servedAt(now) } },
    );
    expect(queue.status).toBe(200);
    expect(queue.body.data.map((t: { id: string }) => t.id)).toEqual([older.id, newer.id]);
    expect(queue.body.data[0]).toMatchObject({
      user_email: person.email,
      waiting_ms: 30 * HOUR,
      sla_hours: 24,
      message_count: 1,
    });

    const billing = await api(
      `/api/admin/support/tickets?category=billing&q=${encodeURIComponent("Newer queue")}`,
      { headers: agent.headers },
    );
    expect(billing.body.data.map((t: { id: string }) => t.id)).toEqual([newer.id]);

    const file = await api(`/api/admin/support/tickets/${newer.id}`, { headers: agent.headers });
    expect(file.status).toBe(200);
    expect(file.body.data).toMatchObject({
      user: { id: person.userId, email: person.email },
      resume: { id: resumeId, title: "Queue resume" },
      messages: [{ author_kind: "user", author_id: person.userId, author_email: person.email }],
    });
    expect((await api("/api/admin/support/tickets/nope", { headers: agent.headers })).status).toBe(
      404,
    );
  });

  it("is for support and admins only", async () => {
    const person = await signedInPerson();
    const ticket = await openTicket(person);
    for (const role of ["moderator", "billing_admin", "user"] as const) {
      const caller = await bearerFor(role);
      const list = await api("/api/admin/support/tickets", { headers: caller.headers });
      expect(list.status, role).toBe(403);
      const write = await api(
        `/api/admin/support/tickets/${ticket.id}/messages`,
        postJson({ body: "hello" }, caller.headers),
      );
      expect(write.status, role).toBe(403);
    }
    for (const role of ["support", "admin", "super_admin"] as const) {
      const caller = await bearerFor(role);
      const list = await api("/api/admin/support/tickets", { headers: caller.headers });
      expect(list.status, role).toBe(200);
    }
  });
});
