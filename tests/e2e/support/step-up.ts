import type { BrowserContext, Page } from "playwright-core";
import type { TestAccount } from "./accounts";
import { executeE2eSql } from "./d1";
import { submitStaffSignIn } from "./operator";
import type { Authenticator } from "./totp";

/** The access token's `__Host-` cookie, named in api/lib/auth-cookies.ts. */
const ACCESS_COOKIE = "__Host-rb_access";

/**
 * Makes the staff member's proof of sign-in 20 minutes old (past the 15-minute step-up
 * window), so the next sensitive action asks for a fresh code in the step-up dialog. The
 * access token is dropped: the next one (after a refresh) carries that time.
 */
export async function ageStaffSignIn(context: BrowserContext, staffId: string): Promise<void> {
  await executeE2eSql(
    `UPDATE refresh_tokens SET auth_at = ${Date.now() - 20 * 60_000} WHERE user_id = '${staffId}'`,
  );
  await context.clearCookies({ name: ACCESS_COOKIE });
}

/**
 * Signs a staff member with two-factor on in through the admin app's form at `path`, then
 * ages the sign-in (`ageStaffSignIn`), as if signed in long ago.
 */
export async function signInWithTotpLongAgo(
  page: Page,
  context: BrowserContext,
  staff: TestAccount & { app: Authenticator },
  path: string,
): Promise<void> {
  await submitStaffSignIn(page, staff.email, staff.password, path);
  await page.getByLabel("Authentication code").fill(await staff.app.code());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  await ageStaffSignIn(context, staff.id);
}

/** Answers the step-up dialog with a fresh code from the staff member's authenticator. */
export async function confirmItsMe(page: Page, app: Authenticator): Promise<void> {
  const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
  await dialog.waitFor();
  await dialog.getByLabel("Authentication code").fill(await app.code());
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await dialog.waitFor({ state: "detached" });
}
