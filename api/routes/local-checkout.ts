import type { Context } from "hono";
import { Hono } from "hono";
import { parseCardExpiry } from "../../core/billing/card-expiry";
import { formatCents } from "../../core/billing/lifecycle";
import { isPlan, PLAN_PRICES_CENTS } from "../../core/plans/entitlements";
import { escapeHtml } from "../../core/text/escape-html";
import {
  type CheckoutOutcome,
  completeLocalCheckout,
  readSession,
} from "../../server/billing/local-checkout";
import type { LocalCheckoutSession } from "../../server/billing/local-objects";
import { billingMode } from "../../server/billing/provider";
import { devToolsEnabled } from "../../server/dev-tools";
import type { AppEnv } from "../app-env";
import { requestContext } from "../middleware/request-context";
import { securityHeaders } from "../middleware/security";

/**
 * `/local-checkout/{session}`: the local billing provider's stand-in for Stripe Checkout,
 * served by the Worker (routed in worker.ts) only with dev tools (server/dev-tools.ts) and no
 * Stripe keys; a 404 page otherwise. It is a plain
 * HTML form with no script; "Pay" runs the checkout and the app learns the outcome through
 * signed events at `POST /api/stripe/webhook`, exactly as from Stripe.
 */
type PageContext = Context<AppEnv>;

const CSS = `body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2328;background:#f8fafc}
.banner{background:#F59E0B;color:#1f2328;padding:.75rem 1rem;text-align:center;font-weight:700}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem}
h1{font-size:1.35rem;margin:0 0 .25rem}.due{font-size:1.1rem;margin:.5rem 0 1rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #64748b;border-radius:.4rem;font:inherit}
.row{display:flex;gap:.75rem}.row>div{flex:1}button{margin-top:1.25rem;width:100%;padding:.75rem;border:0;border-radius:.4rem;background:#1d4ed8;color:#fff;font:inherit;font-weight:700;cursor:pointer}
.error{background:#fef2f2;border:1px solid #EF4444;color:#991b1b;padding:.6rem;border-radius:.4rem}
.hint{color:#475569;font-size:.9rem}a{color:#1d4ed8}code{font-size:.9rem}`;

const csp = (session: LocalCheckoutSession) => {
  const origins = new Set([
    new URL(session.success_url).origin,
    new URL(session.cancel_url).origin,
  ]);
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${[...origins].join(" ")}; base-uri 'none'; frame-ancestors 'none'`;
};

function summary(session: LocalCheckoutSession) {
  const plan = session.metadata.plan ?? "";
  const price = isPlan(plan) ? formatCents(PLAN_PRICES_CENTS[plan]) : "";
  const trialDays = Number(session.metadata.trial_days ?? 0);
  const name = plan.charAt(0).toUpperCase() + plan.slice(1);
  if (session.mode === "setup" && !isPlan(plan)) {
    return {
      title: "Add a card",
      due:
        session.metadata.make_default === "true"
          ? "Nothing is charged today. The card is saved and becomes your default card."
          : "Nothing is charged today. The card is saved for later payments.",
    };
  }
  if (session.mode === "setup") {
    return {
      title: `Add a card to your ${name} trial`,
      due: `Due today: $0.00, then ${price} a month when the trial ends`,
    };
  }
  return {
    title: `Subscribe to ${name}`,
    due:
      trialDays > 0
        ? `${trialDays}-day free trial. Due today: $0.00, then ${price} a month`
        : `Due today: ${price}, then ${price} a month`,
  };
}

const HINT = {
  subscription:
    "<code>4242 4242 4242 4242</code> and <code>5555 5555 5555 4444</code> succeed, <code>4000 0000 0000 0341</code> is saved but its charges fail, <code>4000 0000 0000 0259</code> is charged and then disputed, <code>4000 0000 0000 9995</code> is declined",
  setup:
    "<code>4242 4242 4242 4242</code> and <code>5555 5555 5555 4444</code> are saved, <code>4000 0000 0000 0341</code> is saved but its charges will fail, <code>4000 0000 0000 0259</code> is charged and then disputed, <code>4000 0000 0000 9995</code> is declined and not saved",
};

function checkoutPage(
  session: LocalCheckoutSession,
  error: string | null,
  values: Record<string, string> = {},
) {
  const { title, due } = summary(session);
  const value = (name: string) => escapeHtml(values[name] ?? "");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Local test checkout — ${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><div class="banner" role="note">Local test checkout — no real payment</div>
<main><h1>${escapeHtml(title)}</h1><p class="due">${escapeHtml(due)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/local-checkout/${escapeHtml(session.id)}">
<label for="card_number">Card number</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required value="${value("card_number")}" placeholder="4242 4242 4242 4242">
<div class="row"><div><label for="expiry">Expiry (MM/YY)</label><input id="expiry" name="expiry" autocomplete="cc-exp" required placeholder="12/34" value="${value("expiry")}"></div>
<div><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required placeholder="123" value="${value("cvc")}"></div></div>
<label for="name">Name on card</label><input id="name" name="name" autocomplete="cc-name" value="${value("name")}">
<button type="submit">${session.mode === "setup" ? "Save card" : "Pay and subscribe"}</button></form>
<p class="hint">Stripe test cards: ${HINT[session.mode]}. Any future expiry and any CVC.</p>
<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p></main></body></html>`;
}

function messagePage(title: string, message: string, status: 404 | 410) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><div class="banner" role="note">Local test checkout — no real payment</div><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}

function respond(
  c: PageContext,
  session: LocalCheckoutSession,
  html: string,
  status: 200 | 402 | 400,
) {
  return c.html(html, status, {
    "Content-Security-Policy": csp(session),
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
  });
}

async function openSession(c: PageContext) {
  // Checked first: without dev tools billingMode would answer 503 for missing Stripe keys.
  if (!devToolsEnabled(c.env) || billingMode(c.env) !== "local") return null;
  return readSession(c.env, c.req.param("id") ?? "");
}

export const localCheckoutApp = new Hono<AppEnv>()
  .use("*", requestContext, securityHeaders)
  .get("/local-checkout/:id", async (c) => {
    const session = await openSession(c);
    if (!session) return messagePage("Checkout not found", "This checkout link is unknown.", 404);
    if (session.status !== "open") return c.redirect(session.success_url, 303);
    return respond(c, session, checkoutPage(session, null), 200);
  })
  .post("/local-checkout/:id", async (c) => {
    const session = await openSession(c);
    if (!session) return messagePage("Checkout not found", "This checkout link is unknown.", 404);
    // Only this page may submit it: another site cannot complete someone's checkout.
    const origin = c.req.header("origin");
    if (origin && origin !== new URL(c.req.url).origin) {
      return respond(
        c,
        session,
        checkoutPage(session, "This form can only be sent from its own page."),
        400,
      );
    }
    const form = await c.req.parseBody();
    const values = Object.fromEntries(
      ["card_number", "expiry", "cvc", "name"].map((k) => [k, String(form[k] ?? "").slice(0, 64)]),
    );
    // Stripe's test mode takes any expiry not in the past; the card keeps the one typed.
    const expiry = parseCardExpiry(values.expiry ?? "", c.get("now"));
    const problem = !expiry.ok
      ? expiry.message
      : /^\d{3,4}$/.test(values.cvc ?? "")
        ? null
        : "Enter the 3 or 4 digit CVC.";
    if (problem || !expiry.ok) {
      return respond(c, session, checkoutPage(session, problem, values), 400);
    }
    const outcome: CheckoutOutcome = await completeLocalCheckout(
      c.env,
      session.id,
      values.card_number ?? "",
      expiry.expiry,
    );
    if (outcome.ok) return c.redirect(outcome.redirect, 303);
    return respond(
      c,
      session,
      checkoutPage(outcome.session, outcome.message, { ...values, cvc: "" }),
      402,
    );
  });
