import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from "@simplewebauthn/browser";
import * as passkeys from "~/api/passkeys";
import type { Passkey } from "~core/contract/passkeys";
import type { ApiClient } from "~kit/api/client";
import { ApiError } from "~kit/api/envelope";
import { describeError } from "~kit/forms/describe-error";

/** Whether this browser can create and use passkeys at all. */
export const passkeysSupported = (): boolean =>
  typeof window !== "undefined" && browserSupportsWebAuthn();

/**
 * The person closed the browser's passkey prompt, or it timed out: nothing went wrong that
 * they need telling about. Browsers report both as NotAllowedError, deliberately alike.
 */
export function ceremonyCancelled(error: unknown): boolean {
  if (error instanceof WebAuthnError) {
    return (
      error.code === "ERROR_CEREMONY_ABORTED" ||
      (error.code === "ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY" && error.name === "NotAllowedError")
    );
  }
  return (
    error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError")
  );
}

/** A sentence for a failed passkey ceremony or the API's answer to it. */
export function describePasskeyError(error: unknown): string {
  if (error instanceof WebAuthnError) {
    switch (error.code) {
      case "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED":
        return "This device already has a passkey for your account.";
      case "ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT":
      case "ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT":
        return "This authenticator can't store a passkey that unlocks with a fingerprint, face or PIN. Try your phone or computer's built-in one.";
      case "ERROR_INVALID_DOMAIN":
      case "ERROR_INVALID_RP_ID":
        return "Passkeys don't work at this address. Open the site at its usual address and try again.";
      default:
        return "Your device could not complete the passkey request. Try again.";
    }
  }
  if (error instanceof ApiError && error.code === "invalid_credentials")
    return "That passkey isn't registered with this account or could not be checked. Try another way to sign in.";
  return describeError(error);
}

/** Creates a passkey on this device and registers it; resolves with the stored passkey. */
export async function addPasskey(api: ApiClient, name?: string): Promise<Passkey> {
  const { challenge_id, options } = await passkeys.registrationOptions(api);
  const response = await startRegistration({ optionsJSON: options });
  return (await passkeys.verifyRegistration(api, { challenge_id, response, name })).passkey;
}

/**
 * Signs in with a passkey (session cookies come with the answer). Given the `mfa_token` of
 * a password sign-in, the passkey is its second step instead.
 */
export async function signInWithPasskey(api: ApiClient, mfaToken?: string) {
  const { challenge_id, options } = await passkeys.signInOptions(api, mfaToken);
  const response = await startAuthentication({ optionsJSON: options });
  return passkeys.verifySignIn(api, {
    challenge_id,
    response,
    ...(mfaToken ? { mfa_token: mfaToken } : {}),
  });
}

/** Confirms it's the person with one of their passkeys (counts as a second factor). */
export async function stepUpWithPasskey(api: ApiClient) {
  const { challenge_id, options } = await passkeys.stepUpOptions(api);
  const response = await startAuthentication({ optionsJSON: options });
  return passkeys.verifyStepUp(api, { challenge_id, response });
}
