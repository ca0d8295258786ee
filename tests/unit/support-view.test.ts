import { describe, expect, it } from "vitest";
import { renderEmail } from "../../core/email/render";
import { replyExcerpt } from "../../core/email/templates/support";
import { formatAge, SUPPORT_SLA_HOURS, slaState } from "../../core/support/sla";
import {
  checkReply,
  checkTicketForm,
  parseTicketFilters,
  ticketAge,
} from "../../core/support/ticket-view";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("support SLA age", () => {
  it("says a wait the way people do", () => {
    expect(formatAge(-5)).toBe("under a minute");
    expect(formatAge(59_999)).toBe("under a minute");
    expect(formatAge(42 * MINUTE)).toBe("42 min");
    expect(formatAge(3 * HOUR + 5 * MINUTE)).toBe("3 h 05 min");
    expect(formatAge(52 * HOUR)).toBe("2 d 4 h");
  });

  it("runs the clock only while support owes an answer", () => {
    const target = SUPPORT_SLA_HOURS * HOUR;
    expect(slaState("open", 0)).toBe("ok");
    expect(slaState("open", target * 0.75 - 1)).toBe("ok");
    expect(slaState("open", target * 0.75)).toBe("due_soon");
    expect(slaState("open", target)).toBe("overdue");
    expect(slaState("pending", 10 * target)).toBe("none");
    expect(slaState("solved", 10 * target)).toBe("none");
  });

  it("colours the queue's age cell and says when a ticket is late", () => {
    const late = ticketAge({ status: "open", waiting_ms: 30 * HOUR, sla_hours: 24 });
    expect(late).toEqual({ text: "1 d 6 h — over the 24 h target", tone: "error", late: true });
    expect(ticketAge({ status: "open", waiting_ms: 20 * HOUR, sla_hours: 24 }).tone).toBe(
      "warning",
    );
    expect(ticketAge({ status: "pending", waiting_ms: HOUR, sla_hours: 24 })).toEqual({
      text: "1 h 00 min in this status",
      tone: "neutral",
      late: false,
    });
  });
});

describe("support queue filters from the URL", () => {
  it("shows open tickets unless asked otherwise and drops unknown values", () => {
    expect(parseTicketFilters({})).toEqual({
      status: "open",
      category: undefined,
      q: undefined,
      page: 1,
    });
    expect(
      parseTicketFilters({ status: "all", category: "billing", q: "  ada@x.test ", page: "3" }),
    ).toEqual({ status: undefined, category: "billing", q: "ada@x.test", page: 3 });
    expect(
      parseTicketFilters({ status: "closed", category: "lottery", q: "  ", page: "-2" }),
    ).toEqual({
      status: "open",
      category: undefined,
      q: undefined,
      page: 1,
    });
    expect(parseTicketFilters({ q: "x".repeat(300) }).q).toHaveLength(200);
  });
});

describe("support forms", () => {
  it("turns the new-ticket form into the API's request", () => {
    const check = checkTicketForm({
      subject: "  Blank PDF ",
      category: "export",
      message: " It is empty. ",
      resumeId: "",
    });
    expect(check).toEqual({
      ok: true,
      request: {
        subject: "Blank PDF",
        category: "export",
        message: "It is empty.",
        resume_id: null,
      },
    });
    const linked = checkTicketForm({
      subject: "About this one",
      category: "editor",
      message: "Hi",
      resumeId: "res-1",
    });
    expect(linked.ok && linked.request.resume_id).toBe("res-1");
  });

  it("names every field that is wrong, in words", () => {
    const check = checkTicketForm({
      subject: "x",
      category: "",
      message: "y".repeat(5001),
      resumeId: "",
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual({
      subject: "At least 3 characters",
      category: "Pick what it is about",
      message: "At most 5000 characters",
    });
  });

  it("refuses an empty reply", () => {
    expect(checkReply("   ")).toEqual({ ok: false, errors: { body: "Write a message" } });
    expect(checkReply(" Thanks ")).toEqual({ ok: true, request: { body: "Thanks" } });
  });
});

describe("the support reply email", () => {
  it("quotes the answer, links the ticket, and escapes what the user wrote", () => {
    const email = renderEmail("support_reply", {
      name: "Ada",
      ticketSubject: "<script>x</script>",
      reply: "We fixed it.",
      ticketUrl: "https://resume-builder.example/support/t-1",
    });
    expect(email.subject).toBe("Re: <script>x</script>");
    expect(email.text).toContain("We fixed it.");
    expect(email.text).toContain("https://resume-builder.example/support/t-1");
    expect(email.html).not.toContain("<script>x</script>");
  });

  it("quotes a long answer only in part", () => {
    const excerpt = replyExcerpt("a".repeat(2000));
    expect(excerpt.length).toBe(601);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(replyExcerpt("short")).toBe("short");
  });
});
