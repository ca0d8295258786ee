import { z } from "zod";

/**
 * The wire contract of passkeys (`/api/auth/passkeys/*`): adding, listing, renaming and
 * removing them, and the WebAuthn ceremonies that sign in or step up with one.
 */

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, "Expected base64url");
/** Browsers may send null where the JSON form of a credential has nothing. */
const absent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => value ?? undefined, schema.optional());
export const credentialIdSchema = base64url(1400);
const attachment = absent(z.enum(["platform", "cross-platform"]));
const extensionResults = z.record(z.string(), z.unknown()).default({});

/** The authenticator's answer to a registration (RegistrationResponseJSON), bounded. */
export const registrationResponseSchema = z
  .object({
    id: credentialIdSchema,
    rawId: credentialIdSchema,
    response: z.object({
      clientDataJSON: base64url(8192),
      attestationObject: base64url(32768),
      authenticatorData: absent(base64url(32768)),
      transports: absent(z.array(z.string().max(32)).max(10)),
      publicKeyAlgorithm: absent(z.number().int()),
      publicKey: absent(base64url(8192)),
    }),
    authenticatorAttachment: attachment,
    clientExtensionResults: extensionResults,
    type: z.literal("public-key"),
  })
  .meta({ id: "PasskeyRegistrationResponse" });

/** The authenticator's answer to a sign-in or step-up (AuthenticationResponseJSON), bounded. */
export const authenticationResponseSchema = z
  .object({
    id: credentialIdSchema,
    rawId: credentialIdSchema,
    response: z.object({
      clientDataJSON: base64url(8192),
      authenticatorData: base64url(32768),
      signature: base64url(2048),
      userHandle: absent(base64url(256)),
    }),
    authenticatorAttachment: attachment,
    clientExtensionResults: extensionResults,
    type: z.literal("public-key"),
  })
  .meta({ id: "PasskeyAuthenticationResponse" });

/** One passkey of the account (only its public key is stored). */
export const passkeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: z.string().datetime(),
    last_used_at: z.string().datetime().nullable(),
    /** Synced to the person's other devices by their password manager. */
    backed_up: z.boolean(),
    device_type: z.enum(["singleDevice", "multiDevice"]),
  })
  .meta({ id: "Passkey" });
export type Passkey = z.output<typeof passkeySchema>;

export const passkeyResultSchema = z.object({ passkey: passkeySchema });
export const passkeyDeletedSchema = z.object({ deleted: z.literal(true) });

const nameSchema = z.string().trim().min(1, "Give the passkey a name").max(60);
const challengeId = z.string().uuid();

/**
 * A WebAuthn challenge for the browser (valid 5 minutes, once): the options for
 * `startRegistration`/`startAuthentication`, and the id to send back with the answer.
 */
export const ceremonySchema = (description: string) =>
  z.object({
    challenge_id: z.string().uuid(),
    options: z.record(z.string(), z.unknown()).meta({ description }),
  });
/** The options are typed by the browser library (`@simplewebauthn/browser`), hence `T`. */
export type Ceremony<T = Record<string, unknown>> = { challenge_id: string; options: T };

export const renamePasskeySchema = z.object({ name: nameSchema });

export const registerVerifySchema = z.object({
  challenge_id: challengeId,
  response: registrationResponseSchema,
  name: nameSchema.optional(),
});

/** Without an `mfa_token`, any passkey of this site; with one, that sign-in's account's. */
export const signInOptionsSchema = z.object({ mfa_token: z.string().uuid().optional() });

export const signInVerifySchema = z.object({
  challenge_id: challengeId,
  response: authenticationResponseSchema,
  mfa_token: z.string().uuid().optional(),
});

export const stepUpVerifySchema = z.object({
  challenge_id: challengeId,
  response: authenticationResponseSchema,
});
