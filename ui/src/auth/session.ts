import { createSignal } from "solid-js";
import { isSanctionRefusal } from "~/standing/standing-view";
import type { MfaChallenge, User } from "~kit/api/auth";
import * as auth from "~kit/api/auth";
import { createApiClient } from "~kit/api/client";
import { forgetSessionCookie, hasSessionCookie } from "~kit/api/cookie-session";
import { ApiError } from "~kit/api/envelope";
import { describeError } from "~kit/forms/describe-error";
import { createStepUpController } from "~kit/step-up/step-up";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-in"; user: User }
  /**
   * `ended`: the server no longer accepts the session; `by-request`: the person signed out;
   * `restricted`: the account was suspended or banned, which ended the session (`message`
   * is the server's: why, and until when).
   */
  | { status: "signed-out"; reason?: "ended" | "by-request" | "restricted"; message?: string }
  | { status: "error"; message: string };

const [state, setState] = createSignal<SessionState>({ status: "loading" });

/** The step-up dialog's state (the layout shows the dialog; the client waits on it). */
export const stepUpPrompt = createStepUpController();

/**
 * The user app's API client: the session lives in httpOnly cookies, state-changing
 * requests carry the CSRF token, and an expired access token is refreshed once and the
 * request retried. When even that fails, the app shows the person as signed out. A request
 * refused until the person confirms it's them waits for the step-up dialog.
 */
export const api = createApiClient({
  credentials: "same-origin",
  onStepUp: stepUpPrompt.ask,
  cookieSession: {
    onSessionEnded: (error) => {
      if (state().status !== "signed-out") setState(endedBy(error));
    },
  },
});

/** A session the server stopped accepting: a suspension or ban says so, anything else ended it. */
function endedBy(error: ApiError): SessionState {
  return isSanctionRefusal(error.code)
    ? { status: "signed-out", reason: "restricted", message: error.message }
    : { status: "signed-out", reason: "ended" };
}

/** Where the app stands: loading, signed in (with the account), signed out, or unknown. */
export const session = state;

/** The signed-in account, or null. */
export const currentUser = (): User | null => {
  const current = state();
  return current.status === "signed-in" ? current.user : null;
};

let loading: Promise<void> | null = null;

/**
 * Finds out who is signed in, once per page load (again after `reloadSession`). Without a
 * session cookie nobody is, and the server is not asked.
 */
export function loadSession(): Promise<void> {
  loading ??= (async () => {
    if (!hasSessionCookie()) {
      setState({ status: "signed-out" });
      return;
    }
    try {
      const { user } = await auth.fetchMe(api);
      setState({ status: "signed-in", user });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || isSanctionRefusal(error.code))) {
        setState(endedBy(error));
      } else {
        setState({
          status: "error",
          message: describeError(error),
        });
      }
    }
  })();
  return loading;
}

export function reloadSession(): Promise<void> {
  loading = null;
  setState({ status: "loading" });
  return loadSession();
}

/** Keeps the app's copy of the account current after a change the server reported. */
export function updateCurrentUser(user: User): void {
  if (state().status === "signed-in") setState({ status: "signed-in", user });
}

function signedIn(user: User): User {
  loading = Promise.resolve();
  setState({ status: "signed-in", user });
  return user;
}

/**
 * Signs in with email and password. Accounts with two-step verification answer with a
 * challenge instead, which `completeMfaSignIn` finishes.
 */
export async function signIn(
  email: string,
  password: string,
): Promise<{ user: User } | { challenge: MfaChallenge }> {
  const answer = await auth.signIn(api, { email, password });
  if (auth.isMfaChallenge(answer)) return { challenge: answer };
  return { user: signedIn(answer.user) };
}

export async function completeMfaSignIn(
  challenge: MfaChallenge,
  proof: { code: string } | { recovery_code: string },
): Promise<User> {
  const { user } = await auth.completeMfaSignIn(api, { mfa_token: challenge.mfa_token, ...proof });
  return signedIn(user);
}

/** Ends this browser's session; the app is signed out even if the server could not be told. */
export async function signOut(): Promise<void> {
  try {
    await auth.signOut(api);
  } finally {
    forgetSessionCookie();
    loading = Promise.resolve();
    setState({ status: "signed-out", reason: "by-request" });
  }
}

export async function signOutEverywhere(): Promise<void> {
  await auth.signOutEverywhere(api);
  forgetSessionCookie();
  loading = Promise.resolve();
  setState({ status: "signed-out", reason: "by-request" });
}

/** After a password reset the server has ended every session: drop this one's cookies too. */
export async function forgetEndedSession(): Promise<void> {
  if (!hasSessionCookie() && state().status !== "signed-in") return;
  await signOut().catch(() => undefined);
}
