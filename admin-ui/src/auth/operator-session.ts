import { createSignal } from "solid-js";

/**
 * The operator token that protects the admin API until accounts exist. Kept in
 * sessionStorage: it survives reloads but not closing the tab, and is never written to
 * localStorage or a cookie.
 */
const STORAGE_KEY = "rb-operator-token";

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const [token, setToken] = createSignal<string | null>(readStoredToken());
/** Why the operator was signed out, shown on the sign-in form. */
const [signOutReason, setSignOutReason] = createSignal<string | null>(null);

export const operatorToken = token;
export const operatorSignOutReason = signOutReason;

export function signInOperator(value: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, value);
  } catch {
    // storage unavailable: the token lasts until the page is closed
  }
  setSignOutReason(null);
  setToken(value);
}

export function signOutOperator(reason: string | null = null): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  setSignOutReason(reason);
  setToken(null);
}
