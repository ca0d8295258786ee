import { escapeHtml } from "../text/escape-html";
import { formatCents } from "./lifecycle";

/** Who issues the invoice (README "Admin: payments": the `SELLER_*` settings). */
export interface SellerDetails {
  /** The legal name. */
  name: string;
  addressLines: string[];
  /** VAT/GST/EIN as registered; null prints no tax line. */
  taxId: string | null;
  supportEmail: string;
}

export interface InvoiceDocumentInput {
  seller: SellerDetails;
  number: string;
  status: string;
  currency: string;
  issuedAt: string;
  paidAt: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  customerName: string;
  customerEmail: string;
  lines: { description: string; amount: number }[];
  amountDue: number;
  amountPaid: number;
  amountRefunded: number;
  /** Issued credit notes against it (credited to the customer's balance). */
  creditNotes: { number: string; amount: number; memo: string | null }[];
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

/**
 * An invoice as a self-contained HTML document (no external requests, A4 via `@page`), for
 * the same Chromium PDF path as resume exports.
 */
export function invoiceDocument(input: InvoiceDocumentInput): string {
  const money = (cents: number) => escapeHtml(formatCents(cents, input.currency));
  const rows = input.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.description)}</td><td class="n">${money(line.amount)}</td></tr>`,
    )
    .join("");
  const refunded =
    input.amountRefunded > 0
      ? `<tr><td>Refunded</td><td class="n">−${money(input.amountRefunded)}</td></tr>`
      : "";
  const credited = input.creditNotes
    .map(
      (note) =>
        `<tr><td>Credit note ${escapeHtml(note.number)}${note.memo ? ` — ${escapeHtml(note.memo)}` : ""}</td><td class="n">−${money(note.amount)}</td></tr>`,
    )
    .join("");
  const { seller } = input;
  const sellerLines = [
    `<strong>${escapeHtml(seller.name)}</strong>`,
    ...seller.addressLines.map(escapeHtml),
    ...(seller.taxId ? [`Tax ID: ${escapeHtml(seller.taxId)}`] : []),
    escapeHtml(seller.supportEmail),
  ].join("<br>");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Invoice ${escapeHtml(input.number)}</title>
<style>@page{size:A4;margin:20mm}body{font:11pt/1.45 Helvetica,Arial,sans-serif;color:#1f2328}
h1{font-size:20pt;margin:0 0 4mm}table{width:100%;border-collapse:collapse;margin-top:6mm}
th,td{text-align:left;padding:2mm 0;border-bottom:1px solid #d0d7de}.n{text-align:right}
.meta td{border:0;padding:.5mm 0}.total td{font-weight:700;border-bottom:0}
.seller{margin:0 0 6mm}.help{margin-top:10mm;color:#4b5563}</style></head>
<body><h1>Invoice</h1><p class="seller">${sellerLines}</p>
<table class="meta"><tr><td>Invoice</td><td>${escapeHtml(input.number)}</td></tr>
<tr><td>Status</td><td>${escapeHtml(input.status)}</td></tr>
<tr><td>Issued</td><td>${day(input.issuedAt)}</td></tr>
<tr><td>Paid</td><td>${day(input.paidAt)}</td></tr>
<tr><td>Period</td><td>${day(input.periodStart)} – ${day(input.periodEnd)}</td></tr>
<tr><td>Billed to</td><td>${escapeHtml(input.customerName)} &lt;${escapeHtml(input.customerEmail)}&gt;</td></tr></table>
<table><thead><tr><th>Description</th><th class="n">Amount</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr class="total"><td>Total</td><td class="n">${money(input.amountDue)}</td></tr>
<tr><td>Paid</td><td class="n">${money(input.amountPaid)}</td></tr>${refunded}${credited}</tfoot></table>
<p class="help">Questions about this invoice: ${escapeHtml(seller.supportEmail)}</p></body></html>`;
}
