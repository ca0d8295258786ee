import { createSignal } from "solid-js";
import { isRole, isStaff, type Permission, permissionsOf } from "~core/auth/permissions";
import { ADMIN_CONSOLE_HEADER } from "~core/impersonation/rules";
import type { MfaChallenge, User } from "~kit/api/auth";
import * as auth from "~kit/api/auth";
import { createApiClient } from "~kit/api/client";
import { forgetSessionCookie, hasSessionCookie } from "~kit/api/cookie-session";
import { ApiError } from "~kit/api/envelope";
import { describeError } from "~kit/forms/describe-error";
import { createStepUpController } from "~kit/step-up/step-up";

/**
 * A staff member's browser session: httpOnly cookies set by POST /api/auth/login, the CSRF
 * token echoed on state-changing requests and one shared refresh (see createApiClient).
 */
export type StaffState =
  | { status: "loading" }
  | { status: "signed-in"; user: User; permissions: readonly Permission[] }
  | { status: "signed-out"; reason: string | null };

export const NO_ADMIN_ACCESS = "This account has no admin access.";

const [state, setState] = createSignal<StaffState>({ status: "loading" });

export const staffSession = state;

/** The step-up dialog's state: sensitive actions wait on it for a fresh second factor. */
export const staffStepUp = createStepUpController();

export const staffApi = createApiClient({
  credentials: "same-origin",
  // this tab speaks as the staff member even while another tab views a customer read-only
  headers: { [ADMIN_CONSOLE_HEADER]: "1" },
  onStepUp: staffStepUp.ask,
  cookieSession: {
    onSessionEnded: () => {
      if (state().status === "signed-in") {
        setState({
          status: "signed-out",
          reason: "Your session has ended. Sign in again to continue.",
        });
      }
    },
  },
});

/** The staff member signed in, or null. */
export const staffUser = (): User | null => {
  const current = state();
  return current.status === "signed-in" ? current.user : null;
};

/** Ends the session on the server (best effort) and forgets it here. */
async function endSession(reason: string | null): Promise<void> {
  try {
    await auth.signOut(staffApi);
  } catch {
    // the session is forgotten here either way
  } finally {
    forgetSessionCookie();
    setState({ status: "signed-out", reason });
  }
}

/**
 * Only staff roles may use the admin app: anyone else is signed out again at once, with
 * the reason shown on the sign-in form.
 */
async function admit(): Promise<void> {
  const { user } = await auth.fetchMe(staffApi);
  if (!isRole(user.role) || !isStaff(user.role)) {
    await endSession(NO_ADMIN_ACCESS);
    return;
  }
  setState({ status: "signed-in", user, permissions: permissionsOf(user.role) });
}

let loading: Promise<void> | null = null;

/** Finds out, once per page load, whether this browser holds a staff session. */
export function loadStaffSession(): Promise<void> {
  loading ??= (async () => {
    if (!hasSessionCookie()) {
      setState({ status: "signed-out", reason: null });
      return;
    }
    try {
      await admit();
    } catch (error) {
      setState({
        status: "signed-out",
        reason:
          error instanceof ApiError && error.status === 401
            ? null
            : `Your session could not be checked: ${describeError(error)}`,
      });
    }
  })();
  return loading;
}

/**
 * Signs in with email and password. Accounts with two-factor authentication answer with a
 * challenge instead, which `completeStaffMfa` finishes.
 */
export async function signInStaff(
  email: string,
  password: string,
): Promise<{ challenge: MfaChallenge } | { admitted: boolean }> {
  const answer = await auth.signIn(staffApi, { email, password });
  if (auth.isMfaChallenge(answer)) return { challenge: answer };
  await admit();
  return { admitted: state().status === "signed-in" };
}

export async function completeStaffMfa(
  challenge: MfaChallenge,
  proof: { code: string } | { recovery_code: string },
): Promise<{ admitted: boolean }> {
  await auth.completeMfaSignIn(staffApi, { mfa_token: challenge.mfa_token, ...proof });
  await admit();
  return { admitted: state().status === "signed-in" };
}

export function signOutStaff(): Promise<void> {
  return endSession(null);
}
