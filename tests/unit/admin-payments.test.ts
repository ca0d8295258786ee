import { describe, expect, it } from "vitest";
import {
  checkCreditNoteDraft,
  checkManualInvoiceDraft,
} from "../../admin-ui/src/payments/invoice-drafts";
import { checkRefundDraft, dollarsToCents } from "../../admin-ui/src/payments/refund-draft";
import {
  checkCouponDraft,
  checkGraceDays,
  checkSubscriptionDraft,
} from "../../admin-ui/src/payments/subscription-change-drafts";
import { invoiceDocument } from "../../core/billing/invoice-document";
import { renderEmail } from "../../core/email/render";

/** The Refund dialog's checks (README "Admin: payments"). */
describe("refund draft", () => {
  it("reads dollars as cents, refusing what is not a positive amount with two decimals", () => {
    expect(dollarsToCents("14.99")).toBe(1499);
    expect(dollarsToCents(" 7.5 ")).toBe(750);
    expect(dollarsToCents("3")).toBe(300);
    for (const bad of ["", "0", "0.00", "-1", "1.999", "1,50", "abc"])
      expect(dollarsToCents(bad)).toBeNull();
  });

  it("sends no amount for a full refund, and a partial one no larger than what is left", () => {
    expect(
      checkRefundDraft({ kind: "full", amount: "", reason: "duplicate", note: " " }, 1499),
    ).toEqual({
      ok: true,
      request: { reason: "duplicate" },
    });
    expect(
      checkRefundDraft(
        { kind: "partial", amount: "7.49", reason: "fraudulent", note: "Card stolen" },
        1499,
      ),
    ).toEqual({
      ok: true,
      request: { amount_cents: 749, reason: "fraudulent", note: "Card stolen" },
    });
    expect(
      checkRefundDraft({ kind: "partial", amount: "15.00", reason: "", note: "" }, 1499),
    ).toEqual({
      ok: false,
      issues: { amount: "At most 14.99 can be refunded", reason: "Choose a reason" },
    });
  });
});

/** The invoice PDF's document (README "Admin: payments"): the seller's details, escaped. */
describe("invoice document", () => {
  const input = {
    seller: {
      name: "Résumé <Builder> Ltd.",
      addressLines: ["1 Example Street", "Springfield 12345"],
      taxId: "GB123456789",
      supportEmail: "billing@example.test",
    },
    number: "INV-0001",
    status: "paid",
    currency: "usd",
    issuedAt: "2031-03-01T10:00:00.000Z",
    paidAt: "2031-03-01T10:00:00.000Z",
    periodStart: null,
    periodEnd: null,
    customerName: "Ada",
    customerEmail: "ada@example.test",
    lines: [{ description: "Standard plan", amount: 1499 }],
    amountDue: 1499,
    amountPaid: 1499,
    amountRefunded: 0,
    creditNotes: [],
  };

  it("names the seller: legal name, address lines, tax id and support address", () => {
    const html = invoiceDocument(input);
    expect(html).toContain(
      '<p class="seller"><strong>Résumé &lt;Builder&gt; Ltd.</strong><br>1 Example Street<br>Springfield 12345<br>Tax ID: GB123456789<br>billing@example.test</p>',
    );
    expect(html).toContain("Questions about this invoice: billing@example.test");
  });

  it("prints no tax line without a tax id", () => {
    const html = invoiceDocument({ ...input, seller: { ...input.seller, taxId: null } });
    expect(html).not.toContain("Tax ID");
  });
});

describe("invoice email", () => {
  it("links to the invoice on the billing page and names the support address", () => {
    const data = {
      kind: "resent",
      name: null,
      invoiceNumber: "INV-0001",
      amount: "$14.99",
      statusLabel: "Paid",
      issuedOn: "2031-03-01",
      invoiceUrl: "https://app.example.test/account/billing?invoice=in_1",
      pdfUrl: "https://app.example.test/api/invoices/in_1/pdf",
      supportEmail: "billing@example.test",
    } as const;
    const email = renderEmail("invoice_sent", data);
    expect(email.subject).toBe("Your invoice INV-0001");
    expect(email.text).toContain("https://app.example.test/account/billing?invoice=in_1");
    expect(email.text).toContain("https://app.example.test/api/invoices/in_1/pdf");
    expect(email.text).toContain("Hi there, here is your invoice INV-0001 of $14.99 once more.");
    expect(email.html).toContain('href="https://app.example.test/account/billing?invoice=in_1"');
    // a new invoice to pay (the local provider's send) is worded as one, not "once more"
    const issued = renderEmail("invoice_sent", { ...data, kind: "issued", statusLabel: "Unpaid" });
    expect(issued.text).toContain("here is your new invoice INV-0001 of $14.99.");
    expect(issued.text).not.toContain("once more");
  });
});

/** The coupon and grace dialogs' checks, with the API's own schemas. */
describe("subscription change drafts", () => {
  const coupon = { kind: "percent", value: "", duration: "once", months: "", note: "" } as const;

  it("sends a percent or an amount in cents, and months only with repeating", () => {
    expect(checkCouponDraft({ ...coupon, value: "25" })).toEqual({
      ok: true,
      request: { percent_off: 25, duration: "once" },
    });
    expect(
      checkCouponDraft({
        ...coupon,
        kind: "amount",
        value: "4.50",
        duration: "repeating",
        months: "3",
      }),
    ).toEqual({
      ok: true,
      request: { amount_off_cents: 450, duration: "repeating", duration_in_months: 3 },
    });
  });

  it("puts what is wrong on the field it concerns", () => {
    expect(checkCouponDraft({ ...coupon, value: "" })).toEqual({
      ok: false,
      issues: { value: "Enter how much off" },
    });
    expect(checkCouponDraft({ ...coupon, value: "120" })).toMatchObject({
      ok: false,
      issues: { value: expect.any(String) },
    });
    expect(checkCouponDraft({ ...coupon, value: "10", duration: "repeating" })).toMatchObject({
      ok: false,
      issues: { months: expect.any(String) },
    });
    expect(checkGraceDays("3", " ")).toEqual({ ok: true, request: { days: 3 } });
    for (const days of ["0", "15", "2.5", ""])
      expect(checkGraceDays(days, "")).toMatchObject({
        ok: false,
        issues: { days: expect.any(String) },
      });
  });
});

/** The credit note and manual invoice dialogs' checks (README "Admin: payments"). */
describe("invoice drafts", () => {
  it("sends a credit note no larger than the invoice has left, with its memo", () => {
    const draft = { amount: "5", reason: "order_change", memo: " Outage ", note: "" };
    expect(checkCreditNoteDraft(draft, 1499)).toEqual({
      ok: true,
      request: { amount_cents: 500, reason: "order_change", memo: "Outage" },
    });
    expect(checkCreditNoteDraft({ ...draft, amount: "15.00" }, 1499)).toEqual({
      ok: false,
      issues: { amount: "At most 14.99 can be credited" },
    });
    expect(checkCreditNoteDraft({ ...draft, amount: "x", reason: "" }, 1499)).toEqual({
      ok: false,
      issues: { amount: "Enter an amount such as 14.99", reason: "Choose a reason" },
    });
  });

  it("sends a manual invoice's lines in cents and says which line is wrong", () => {
    const draft = {
      userId: " user-1 ",
      lines: [
        { description: "Review", amount: "50" },
        { description: "Edit", amount: "25.5" },
      ],
      collection: "send" as const,
      daysUntilDue: "14",
      note: "",
    };
    expect(checkManualInvoiceDraft(draft)).toEqual({
      ok: true,
      request: {
        user_id: "user-1",
        lines: [
          { description: "Review", amount_cents: 5000 },
          { description: "Edit", amount_cents: 2550 },
        ],
        collection: "send",
        days_until_due: 14,
      },
    });
    const bad = checkManualInvoiceDraft({
      ...draft,
      lines: [draft.lines[0]!, { description: " ", amount: "0" }],
      daysUntilDue: "120",
    });
    expect(bad).toEqual({
      ok: false,
      issues: {
        "line.1.amount": "Enter an amount such as 14.99",
        "line.1.description": "Describe the line",
        daysUntilDue: "1 to 90 days",
      },
    });
  });

  it("a new subscription's days to pay go only with an invoice to send", () => {
    const draft = {
      userId: " user-1 ",
      plan: "premium",
      trialDays: "0",
      collection: "charge",
      daysUntilDue: "10",
      note: "",
    } as const;
    expect(checkSubscriptionDraft(draft)).toEqual({
      ok: true,
      request: {
        user_id: "user-1",
        plan: "premium",
        trial_days: 0,
        collection: "charge",
        days_until_due: 30,
      },
    });
    expect(checkSubscriptionDraft({ ...draft, collection: "send" })).toMatchObject({
      ok: true,
      request: { collection: "send", days_until_due: 10 },
    });
    expect(checkSubscriptionDraft({ ...draft, trialDays: "91", userId: "" })).toMatchObject({
      ok: false,
      issues: { trial_days: expect.any(String), user_id: expect.any(String) },
    });
  });
});
