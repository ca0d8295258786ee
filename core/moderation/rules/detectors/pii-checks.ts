/**
 * The number checks behind the PII detector: what separates a payment card, a US Social
 * Security number or an IBAN from an order number, a phone number or a date that merely looks
 * like one. Each follows the issuing scheme's published rules.
 */

/** Luhn (ISO/IEC 7812-1): every card number passes it, 9 in 10 random numbers do not. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const between = (value: number, low: number, high: number) => value >= low && value <= high;

/**
 * Issuer identification numbers of the major networks with the lengths they issue: a number
 * that passes Luhn but starts like no network's card is not treated as one.
 */
export function knownCardPrefix(digits: string): boolean {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === "4") return n === 13 || n === 16 || n === 19; // Visa
  if (between(p2, 51, 55) || between(p4, 2221, 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || between(p3, 644, 649) || p2 === 65 || between(p6, 622126, 622925))
    return between(n, 16, 19); // Discover
  if (between(p3, 300, 305) || p2 === 36 || p2 === 38 || p2 === 39) return between(n, 14, 19); // Diners
  if (between(p4, 3528, 3589)) return between(n, 16, 19); // JCB
  if (p2 === 62) return between(n, 16, 19); // UnionPay
  if (p2 === 50 || between(p2, 56, 69)) return between(n, 12, 19); // Maestro
  return false;
}

/** Numbers the SSA has used in advertising or that were famously misused; never a person's. */
const PUBLICISED_SSNS = new Set(["078051120", "219099999", "123456789", "111111111", "333333333"]);

/**
 * The SSA's never-issued ranges: area 000, 666 or 900–999, group 00, serial 0000
 * (https://www.ssa.gov/employer/randomization.html), and the publicised fakes.
 */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  if (areaNumber === 0 || areaNumber === 666 || areaNumber >= 900) return false;
  if (group === "00" || serial === "0000") return false;
  return !PUBLICISED_SSNS.has(`${area}${group}${serial}`);
}

/** IBAN lengths by country (SWIFT IBAN registry). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** ISO 13616: the country's length, then mod-97 of the rearranged number equals 1. */
export function ibanValid(compact: string): boolean {
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= "A" ? char.charCodeAt(0) - 55 : Number(char);
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return remainder === 1;
}

/** Prefixes HMRC never issues for a National Insurance number. */
const NINO_BAD_PREFIXES = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);
export const ninoPrefixValid = (prefix: string) => !NINO_BAD_PREFIXES.has(prefix);

/** NHS number (England, Wales, Isle of Man): 10 digits, the last a mod-11 check digit. */
export function nhsNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Canadian Social Insurance Number: 9 digits, Luhn-valid, not a run of one digit. */
export function sinValid(digits: string): boolean {
  return /^\d{9}$/.test(digits) && !/^(\d)\1{8}$/.test(digits) && luhnValid(digits);
}
