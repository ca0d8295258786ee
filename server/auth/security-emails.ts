import { and, eq, type SQL } from "drizzle-orm";
import { deviceLabel } from "../../core/auth/device-label";
import type { SecurityAlertKind } from "../../core/email/templates/account-security";
import { createDb } from "../../db/client";
import { refreshTokens, type UserRow } from "../../db/schema";
import { greetingName, publicUrl, sendEmail } from "../email";
import type { Env } from "../env";
import { findUserById } from "./accounts";
import type { Device } from "./refresh-tokens";

type AlertEnv = Pick<Env, "DB" | "CACHE" | "EMAIL" | "EMAIL_FROM" | "JWT_ISSUER">;

/**
 * A security notice to the account's own address (README "Profile and security emails").
 * `occasion` makes the dedupe key, so a retried request sends one email per event.
 */
export async function sendSecurityAlert(
  env: AlertEnv,
  user: Pick<UserRow, "id" | "email" | "name" | "emailVerifiedAt">,
  alert: { kind: SecurityAlertKind; detail: string | null; occasion: string },
  now: number,
): Promise<void> {
  await sendEmail(env, {
    to: user.email,
    template: "security_alert",
    data: {
      kind: alert.kind,
      name: greetingName(user),
      at: new Date(now).toISOString(),
      detail: alert.detail,
      securityUrl: publicUrl(env, "/account/security"),
    },
    dedupeKey: `security-${alert.kind}:${user.id}:${alert.occasion}`,
    now,
  });
}

/** The same, for a service that holds only the account's id. */
export async function alertAccount(
  env: AlertEnv,
  userId: string,
  alert: { kind: SecurityAlertKind; detail: string | null; occasion: string },
  now: number,
): Promise<void> {
  const user = await findUserById(env, userId);
  if (user) await sendSecurityAlert(env, user, alert, now);
}

/**
 * Whether a sign-in comes from a device the account has not signed in from before. A device
 * is what sessions record: the browser's long-lived device cookie (refresh_tokens.device_id);
 * a client that sends none (a fresh browser, a cleared profile) is a new device. The account's
 * very first session is not "new": there is nothing to compare it with, and the person has
 * just signed up. Call it before the sign-in's own session is recorded.
 */
export async function isNewDevice(
  env: Pick<Env, "DB">,
  userId: string,
  device: Device,
): Promise<boolean> {
  const db = createDb(env.DB);
  const seenOn = (where: SQL | undefined) =>
    db.select({ id: refreshTokens.id }).from(refreshTokens).where(where).limit(1);
  const [any] = await seenOn(eq(refreshTokens.userId, userId));
  if (!any) return false;
  if (!device.deviceId) return true;
  const [same] = await seenOn(
    and(eq(refreshTokens.userId, userId), eq(refreshTokens.deviceId, device.deviceId)),
  );
  return same === undefined;
}

/** Tells the owner of a sign-in from a new device; one email per session. */
export async function alertNewSignIn(
  env: AlertEnv,
  user: Pick<UserRow, "id" | "email" | "name" | "emailVerifiedAt">,
  device: Device,
  sessionId: string,
  now: number,
): Promise<void> {
  const label = deviceLabel(device.userAgent);
  const detail = device.ip ? `${label} (${device.ip})` : label;
  await sendSecurityAlert(env, user, { kind: "new_sign_in", detail, occasion: sessionId }, now);
}
