import { type CBORType, encodeCBOR } from "@levischuck/tiny-cbor";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";

/**
 * A platform authenticator in software, for the API tests: an ES256 key pair per credential
 * (WebCrypto), `none` attestation, discoverable credentials, and user verification, shaped
 * exactly like the JSON @simplewebauthn/browser sends. Knobs let a test lie the way a
 * broken or hostile client would.
 */
interface Credential {
  id: string;
  rpId: string;
  userHandle: string;
  keys: CryptoKeyPair;
  counter: number;
}

export interface CeremonyTweaks {
  /** The origin the "browser" writes into clientDataJSON. */
  origin?: string;
  /** The rpID the authenticator hashes into its data instead of the options' rpId. */
  rpId?: string;
  userVerified?: boolean;
}

export interface AssertionTweaks extends CeremonyTweaks {
  /** Which credential answers (default: the first one allowed for the rpID). */
  credentialId?: string;
  /** The signature counter to report instead of the next one. */
  counter?: number;
  /** Flip a bit of the signature. */
  tamperSignature?: boolean;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

const encoder = new TextEncoder();
const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));
const sha256 = async (bytes: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const uint32 = (value: number) => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
};

/** WebCrypto signs ECDSA as r‖s; WebAuthn carries the ASN.1 DER form. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    let value: Uint8Array = bytes.slice(start);
    if ((value[0] ?? 0) & 0x80) value = concat(new Uint8Array([0]), value);
    return concat(new Uint8Array([0x02, value.length]), value);
  };
  const body = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

async function coseKey(publicKey: CryptoKey): Promise<Uint8Array> {
  const jwk = (await crypto.subtle.exportKey("jwk", publicKey)) as JsonWebKey;
  return encodeCBOR(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, isoBase64URL.toBuffer(jwk.x as string)],
      [-3, isoBase64URL.toBuffer(jwk.y as string)],
    ]),
  );
}

export class SoftwareAuthenticator {
  readonly credentials: Credential[] = [];

  constructor(
    readonly origin: string,
    /** A synced (multi-device, backed-up) passkey rather than a device-bound one. */
    readonly synced = false,
  ) {}

  private async clientData(type: string, challenge: string, tweaks: CeremonyTweaks) {
    return encoder.encode(
      JSON.stringify({ type, challenge, origin: tweaks.origin ?? this.origin, crossOrigin: false }),
    );
  }

  private flags(tweaks: CeremonyTweaks, extra = 0) {
    const backup = this.synced ? FLAG_BE | FLAG_BS : 0;
    return FLAG_UP | (tweaks.userVerified === false ? 0 : FLAG_UV) | backup | extra;
  }

  async register(
    options: PublicKeyCredentialCreationOptionsJSON,
    tweaks: CeremonyTweaks = {},
  ): Promise<RegistrationResponseJSON> {
    const rpId = tweaks.rpId ?? options.rp.id ?? new URL(this.origin).hostname;
    const excluded = new Set(options.excludeCredentials?.map((c) => c.id));
    if (this.credentials.some((c) => c.rpId === rpId && excluded.has(c.id)))
      throw new Error("InvalidStateError: this authenticator already holds an excluded credential");
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const rawId = crypto.getRandomValues(new Uint8Array(32));
    const id = b64(rawId);
    const credentialLength = new Uint8Array([0, rawId.length]);
    const authData = concat(
      await sha256(encoder.encode(rpId)),
      new Uint8Array([this.flags(tweaks, FLAG_AT)]),
      uint32(0),
      new Uint8Array(16), // AAGUID: none
      credentialLength,
      rawId,
      await coseKey(keys.publicKey),
    );
    const attestationObject = encodeCBOR(
      new Map<string, CBORType>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData],
      ]),
    );
    this.credentials.push({ id, rpId, userHandle: options.user.id, keys, counter: 0 });
    return {
      id,
      rawId: id,
      type: "public-key",
      response: {
        clientDataJSON: b64(await this.clientData("webauthn.create", options.challenge, tweaks)),
        attestationObject: b64(attestationObject),
        transports: ["internal", "hybrid"],
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }

  async assert(
    options: PublicKeyCredentialRequestOptionsJSON,
    tweaks: AssertionTweaks = {},
  ): Promise<AuthenticationResponseJSON> {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const allowed = new Set(options.allowCredentials?.map((c) => c.id));
    const credential = tweaks.credentialId
      ? this.credentials.find((c) => c.id === tweaks.credentialId)
      : this.credentials.find((c) => c.rpId === rpId && (allowed.size === 0 || allowed.has(c.id)));
    if (!credential) throw new Error("NotAllowedError: no credential for this request");
    credential.counter = tweaks.counter ?? credential.counter + 1;
    const clientDataJSON = await this.clientData("webauthn.get", options.challenge, tweaks);
    const authenticatorData = concat(
      await sha256(encoder.encode(tweaks.rpId ?? rpId)),
      new Uint8Array([this.flags(tweaks)]),
      uint32(credential.counter),
    );
    const raw = new Uint8Array(
      await crypto.subtle.sign(
        { name: "ECDSA", hash: "SHA-256" },
        credential.keys.privateKey,
        concat(authenticatorData, await sha256(clientDataJSON)),
      ),
    );
    const signature = derSignature(raw);
    if (tweaks.tamperSignature) signature[signature.length - 1]! ^= 0x01;
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key",
      response: {
        clientDataJSON: b64(clientDataJSON),
        authenticatorData: b64(authenticatorData),
        signature: b64(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }
}
