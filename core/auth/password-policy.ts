// What a new password must satisfy (register, reset, change). Pure: no I/O, shared by the
// Worker and both apps, so the forms can say exactly what the API will say.
//
// Length is counted in Unicode code points after NFC normalisation, so "é" typed as one
// precomposed character or as "e" + combining accent counts the same, and an emoji counts
// once. The hash (server/auth/passwords.ts) normalises the same way.
import { COMMON_PASSWORDS_TEXT } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** Shorter pieces of an email or name are too likely to occur by chance to be refused. */
const PERSONAL_MIN_LENGTH = 4;

export type PasswordIssueCode = "too_short" | "too_long" | "common" | "contains_personal_info";

export interface PasswordIssue {
  code: PasswordIssueCode;
  message: string;
}

export type PasswordPolicyResult = { ok: true } | { ok: false; issues: PasswordIssue[] };

export interface PasswordContext {
  email?: string;
  name?: string;
}

const MESSAGES: Record<PasswordIssueCode, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: "This password is too common or too predictable. Choose one that is harder to guess.",
  contains_personal_info: "Don't use your name or email address in your password.",
};

let commonPasswords: ReadonlySet<string> | null = null;

/** The shipped list, built on first use (not at Worker start-up). */
function commonList(): ReadonlySet<string> {
  commonPasswords ??= new Set(COMMON_PASSWORDS_TEXT.split("\n"));
  return commonPasswords;
}

/**
 * A password made of one short unit repeated ("1111111111", "1212121212", "abcabcabca") or
 * of consecutive characters ("0123456789", "abcdefghij", "9876543210"). The shipped list
 * leaves these out on purpose (its authors detect such patterns separately), yet they are
 * among the most common passwords of all.
 */
export function isTriviallyPredictable(password: string): boolean {
  const chars = [...password];
  if (chars.length < 3) return false;
  for (let unit = 1; unit <= chars.length / 2; unit++) {
    if (chars.every((char, i) => char === chars[i % unit])) return true;
  }
  const codes = chars.map((char) => char.codePointAt(0) ?? 0);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}

/** Whether `password` (any case) is on the shipped list or trivially predictable. */
export function isCommonPassword(password: string): boolean {
  const folded = password.normalize("NFC").toLowerCase();
  return commonList().has(folded) || isTriviallyPredictable(folded);
}

/**
 * Pieces of the email's local part and of the name worth refusing inside a password: the
 * whole local part (also without a `+tag`), the whole name without spaces, and each word of
 * either; only pieces of at least 4 characters.
 */
export function personalTerms(context: PasswordContext): string[] {
  const terms = new Set<string>();
  const add = (value: string) => {
    const term = value.toLowerCase();
    if ([...term].length >= PERSONAL_MIN_LENGTH) terms.add(term);
  };
  const words = (value: string) => value.split(/[^\p{L}\p{M}\p{N}]+/u).forEach(add);
  const email = context.email?.normalize("NFC").trim() ?? "";
  const at = email.lastIndexOf("@");
  const local = at > 0 ? email.slice(0, at) : email;
  if (local) {
    add(local);
    add(local.split("+")[0]!);
    words(local);
  }
  const name = context.name?.normalize("NFC").trim() ?? "";
  if (name) {
    add(name.replace(/\s+/gu, ""));
    words(name);
  }
  return [...terms];
}

export function checkPasswordPolicy(
  password: string,
  context: PasswordContext,
): PasswordPolicyResult {
  const normalized = password.normalize("NFC");
  const length = [...normalized].length;
  const codes: PasswordIssueCode[] = [];
  if (length < PASSWORD_MIN_LENGTH) codes.push("too_short");
  if (length > PASSWORD_MAX_LENGTH) codes.push("too_long");
  if (isCommonPassword(normalized)) codes.push("common");
  const folded = normalized.toLowerCase();
  if (personalTerms(context).some((term) => folded.includes(term))) {
    codes.push("contains_personal_info");
  }
  if (codes.length === 0) return { ok: true };
  return { ok: false, issues: codes.map((code) => ({ code, message: MESSAGES[code] })) };
}
