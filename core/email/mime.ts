/**
 * A raw RFC 5322 / MIME message for the Cloudflare `send_email` binding, which takes the
 * message as it goes on the wire. multipart/alternative with a plain-text and an HTML part,
 * both quoted-printable UTF-8 (readable, and safe for 7-bit relays); non-ASCII header text
 * as RFC 2047 encoded-words; CRLF line endings throughout.
 */

const CRLF = "\r\n";
/** RFC 2045 §6.7 and RFC 2047 §2: encoded lines (and encoded-words) stay within 76. */
const MAX_ENCODED_LINE = 76;
/** RFC 5322 §2.1.1: lines SHOULD stay within 78 characters. */
const MAX_HEADER_LINE = 78;

const utf8 = new TextEncoder();

export interface Mailbox {
  name: string | null;
  address: string;
}

const ADDRESS = /^[^\s<>@",;:()[\]\\]+@[^\s<>@",;:()[\]\\]+$/;

/** Reads `Name <addr@host>`, `"Name, Inc." <addr@host>` or a bare `addr@host`. */
export function parseMailbox(value: string): Mailbox {
  const trimmed = value.trim();
  const angled = trimmed.match(/^(.*?)\s*<([^<>]+)>$/s);
  let name = angled ? (angled[1] ?? "").trim() : "";
  const address = (angled ? angled[2] : trimmed)?.trim() ?? "";
  if (!ADDRESS.test(address)) throw new Error(`not an email address: ${value}`);
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return { name: name === "" ? null : name, address };
}

const isPrintableAscii = (value: string) => /^[\x20-\x7e]*$/.test(value);
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/**
 * RFC 2047 B-encoded words. Splits between characters, never inside one, so every word
 * decodes on its own; the first word is shorter to leave room for the header name.
 */
export function encodeWords(text: string, firstWordMax = 75): string[] {
  const prefix = "=?UTF-8?B?";
  const suffix = "?=";
  const bytesFitting = (max: number) => Math.floor((max - prefix.length - suffix.length) / 4) * 3;
  const words: string[] = [];
  let budget = bytesFitting(firstWordMax);
  let chunk: number[] = [];
  for (const char of text) {
    const bytes = utf8.encode(char);
    if (chunk.length > 0 && chunk.length + bytes.length > budget) {
      words.push(`${prefix}${base64(Uint8Array.from(chunk))}${suffix}`);
      chunk = [];
      budget = bytesFitting(MAX_ENCODED_LINE - 1);
    }
    chunk.push(...bytes);
  }
  if (chunk.length > 0 || words.length === 0) {
    words.push(`${prefix}${base64(Uint8Array.from(chunk))}${suffix}`);
  }
  return words;
}

function assertHeaderValue(name: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`header ${name} contains a line break`);
}

/** Folds at spaces so lines stay within 78 characters where a space allows it. */
function foldHeader(name: string, value: string): string {
  assertHeaderValue(name, value);
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of value.split(" ")) {
    if (line.length + 1 + word.length > MAX_HEADER_LINE && line.trim() !== `${name}:`) {
      lines.push(line);
      line = "";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** Plain text when it is printable ASCII; encoded-words otherwise (or when it looks like one). */
function unstructuredHeader(name: string, value: string): string {
  assertHeaderValue(name, value);
  if (isPrintableAscii(value) && !value.includes("=?")) return foldHeader(name, value);
  const words = encodeWords(value, MAX_ENCODED_LINE - name.length - 2);
  return `${name}: ${words.join(`${CRLF} `)}`;
}

const ATOM_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

/** `firstWordMax` leaves room for the header name when the name needs encoded-words. */
export function formatMailbox({ name, address }: Mailbox, firstWordMax = 75): string {
  if (!ADDRESS.test(address)) throw new Error(`not an email address: ${address}`);
  if (!name) return address;
  assertHeaderValue("display name", name);
  if (!isPrintableAscii(name)) {
    return `${encodeWords(name, firstWordMax).join(" ")} <${address}>`;
  }
  if (ATOM_PHRASE.test(name) && !name.includes("=?")) return `${name} <${address}>`;
  return `"${name.replace(/(["\\])/g, "\\$1")}" <${address}>`;
}

/**
 * Quoted-printable (RFC 2045 §6.7): printable ASCII stays as it is, everything else is
 * `=XX` per UTF-8 byte, trailing spaces are encoded, and soft breaks (`=` at the end of a
 * line) keep every line within 76 characters without ever splitting one character's bytes.
 * Line breaks in the input, whatever their style, become CRLF.
 */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const chars = [...line];
      const tokens = chars.map((char, index) => {
        const code = char.codePointAt(0) ?? 0;
        const isLast = index === chars.length - 1;
        if ((code === 0x20 || code === 0x09) && !isLast) return char;
        if (code >= 0x21 && code <= 0x7e && code !== 0x3d) return char;
        return [...utf8.encode(char)]
          .map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, "0")}`)
          .join("");
      });
      const physical: string[] = [];
      let current = "";
      for (let token of tokens) {
        if (current.length + token.length > MAX_ENCODED_LINE - 1) {
          physical.push(`${current}=`);
          current = "";
        }
        // a lone "." opening a line means end-of-data to a careless SMTP relay
        if (current === "" && token === ".") token = "=2E";
        current += token;
      }
      physical.push(current);
      return physical.join(CRLF);
    })
    .join(CRLF);
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 §3.3 date-time in UTC, e.g. `Wed, 25 Nov 2026 14:00:00 +0000`. */
export function formatMailDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export interface MimeInput {
  /** `Name <addr@host>` or `addr@host`. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Left part of the Message-ID; the sender's domain is the right part. */
  messageIdLocal: string;
  date?: Date;
  /** Fixed only by tests; random otherwise. */
  boundary?: string;
  /** Extra headers, e.g. `Auto-Submitted`. */
  headers?: Record<string, string>;
}

export interface MimeMessage {
  /** Envelope sender: the bare address of `From`. */
  from: string;
  to: string;
  messageId: string;
  raw: string;
}

export function buildMimeMessage(input: MimeInput): MimeMessage {
  const from = parseMailbox(input.from);
  const to = parseMailbox(input.to);
  if (!/^[A-Za-z0-9._-]+$/.test(input.messageIdLocal)) {
    throw new Error(`Message-ID local part is not a dot-atom: ${input.messageIdLocal}`);
  }
  const domain = from.address.slice(from.address.lastIndexOf("@") + 1);
  const messageId = `<${input.messageIdLocal}@${domain}>`;
  // "=_" can never occur in quoted-printable output, so the boundary cannot collide
  const boundary = input.boundary ?? `=_${crypto.randomUUID().replaceAll("-", "")}`;

  const headers = [
    foldHeader("From", formatMailbox(from, MAX_ENCODED_LINE - "From: ".length)),
    foldHeader("To", formatMailbox(to)),
    unstructuredHeader("Subject", input.subject),
    `Date: ${formatMailDate(input.date ?? new Date())}`,
    `Message-ID: ${messageId}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (!/^[!-9;-~]+$/.test(name)) throw new Error(`invalid header name: ${name}`);
    headers.push(unstructuredHeader(name, value));
  }

  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      "Content-Transfer-Encoding: quoted-printable",
      "",
      encodeQuotedPrintable(body),
    ].join(CRLF);

  const raw = [
    ...headers,
    "",
    "This is a multi-part message in MIME format.",
    part("text/plain", input.text),
    part("text/html", input.html),
    `--${boundary}--`,
    "",
  ].join(CRLF);
  return { from: from.address, to: to.address, messageId, raw };
}
