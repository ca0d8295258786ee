import { type PaymentMethod, startCardSetup } from "~/api/billing";
import { api } from "~/auth/session";
import { withIdempotencyKey } from "./idempotency";

const PENDING_KEY = "rb-card-setup";

/** What this tab sent to "Add a card", so the return knows which card to wait for. */
export interface PendingCardSetup {
  session_id: string;
  /** The cards listed before: the saved one is the card not among them. */
  known: string[];
  make_default: boolean;
}

/** Reads and forgets it: a reload of the return page must not wait again. */
export function takePendingCardSetup(): PendingCardSetup | null {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
    return raw ? (JSON.parse(raw) as PendingCardSetup) : null;
  } catch {
    return null;
  }
}

/**
 * Sends the browser to a setup-mode checkout (Stripe Checkout with keys, otherwise the
 * Worker's local test checkout), which comes back to /account/billing?card=added or
 * ?card=canceled. The card itself is entered there: this app never sees its number.
 */
export async function goToCardSetup(makeDefault: boolean, cards: PaymentMethod[]): Promise<void> {
  const session = await withIdempotencyKey(`card-setup:${makeDefault}`, (key) =>
    startCardSetup(api, makeDefault, key),
  );
  const pending: PendingCardSetup = {
    session_id: session.session_id,
    known: cards.map((card) => card.id),
    make_default: makeDefault || !cards.some((card) => card.is_default),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(session.checkout_url);
}

/** Whether the list shows the card that checkout saved (and, if asked, as the default). */
export function cardSetupShows(list: PaymentMethod[], pending: PendingCardSetup | null): boolean {
  const added = list.filter((card) => !pending?.known.includes(card.id));
  if (added.length === 0) return false;
  return !pending?.make_default || added.some((card) => card.is_default);
}
