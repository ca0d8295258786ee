/**
 * How a payment method is named to its owner, for every Stripe type: the API returns what
 * identifies it (type, brand, last four, bank, Link email) and the apps compose the words, so
 * the billing page and the billing history say the same thing. The fields are the API's
 * (`GET /api/payment-methods`, and the `billing_events` detail of a payment method); an entry
 * written before types were mirrored has no `type` and is a card.
 */
export interface PaymentMethodFacts {
  type?: string | null;
  brand?: string | null;
  last4?: string | null;
  exp_month?: number | null;
  exp_year?: number | null;
  wallet?: string | null;
  bank_name?: string | null;
  email?: string | null;
}

/** `some_new_type` → "Some new type": a type Stripe adds later still reads as words. */
const words = (value: string) => {
  const spaced = value.replaceAll("_", " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** Card networks as Stripe spells `card.brand`. */
const CARD_BRANDS: Record<string, string> = {
  amex: "American Express",
  cartes_bancaires: "Cartes Bancaires",
  diners: "Diners Club",
  discover: "Discover",
  eftpos_au: "eftpos Australia",
  jcb: "JCB",
  mastercard: "Mastercard",
  unionpay: "UnionPay",
  visa: "Visa",
  unknown: "Card",
};

/** `card.wallet.type`: where a card is kept. */
const WALLETS: Record<string, string> = {
  amex_express_checkout: "Amex Express Checkout",
  apple_pay: "Apple Pay",
  google_pay: "Google Pay",
  link: "Link",
  masterpass: "Masterpass",
  samsung_pay: "Samsung Pay",
  visa_checkout: "Visa Checkout",
};

/** `PaymentMethod.type` names whose words are not just the type with spaces. */
const TYPES: Record<string, string> = {
  acss_debit: "Bank account (pre-authorized debit)",
  afterpay_clearpay: "Afterpay / Clearpay",
  amazon_pay: "Amazon Pay",
  au_becs_debit: "BECS Direct Debit",
  bacs_debit: "Bacs Direct Debit",
  card: "Card",
  cashapp: "Cash App Pay",
  customer_balance: "Bank transfer",
  ideal: "iDEAL",
  kakao_pay: "Kakao Pay",
  kr_card: "Korean card",
  mb_way: "MB WAY",
  mobilepay: "MobilePay",
  naver_pay: "Naver Pay",
  nz_bank_account: "Bank account",
  p24: "Przelewy24",
  pay_by_bank: "Pay by Bank",
  paypal: "PayPal",
  paypay: "PayPay",
  payto: "PayTo",
  paynow: "PayNow",
  promptpay: "PromptPay",
  revolut_pay: "Revolut Pay",
  samsung_pay: "Samsung Pay",
  sepa_debit: "SEPA Direct Debit",
  us_bank_account: "Bank account",
  upi: "UPI",
  wechat_pay: "WeChat Pay",
};

export const cardBrandName = (brand: string) => CARD_BRANDS[brand] ?? words(brand);

export const paymentMethodTypeName = (type: string) => TYPES[type] ?? words(type);

// "ending 4242", not four dots and the digits: a screen reader reads the dots out one by one.
const masked = (last4: string | null | undefined) => (last4 ? ` ending ${last4}` : "");

/**
 * The method's name: "Visa ending 4242", "Visa ending 4242 (Apple Pay)",
 * "Bank account · STRIPE TEST BANK ending 6789", "Link · jenny@example.com", "PayPal".
 */
export function paymentMethodName(pm: PaymentMethodFacts): string {
  const type = pm.type || "card";
  if (type === "card") {
    const name = `${pm.brand ? cardBrandName(pm.brand) : "Card"}${masked(pm.last4)}`;
    return pm.wallet ? `${name} (${WALLETS[pm.wallet] ?? words(pm.wallet)})` : name;
  }
  const kind = paymentMethodTypeName(type);
  if (pm.bank_name) return `${kind} · ${pm.bank_name}${masked(pm.last4)}`;
  if (pm.email) return `${kind} · ${pm.email}`;
  return `${kind}${masked(pm.last4)}`;
}

/** A card's expiry as printed on it ("12/2040"), or null for what does not expire. */
export function paymentMethodExpiry(pm: PaymentMethodFacts): string | null {
  if (!pm.exp_month || !pm.exp_year) return null;
  return `${String(pm.exp_month).padStart(2, "0")}/${pm.exp_year}`;
}
