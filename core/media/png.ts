import { ascii, invalidImage, joinBytes } from "./photo-rules";

/**
 * PNG: reads the size from IHDR and rebuilds the file from the chunks a viewer needs to
 * draw it, in order, up to IEND. An allowlist rather than a blocklist, so text (tEXt, iTXt,
 * zTXt), EXIF (eXIf), timestamps (tIME) and any private chunk a tool invents are dropped,
 * as is anything after IEND (where polyglot files hide a second payload). APNG's animation
 * chunks are dropped too: the default image (IDAT) is what remains, a still photo.
 */
const KEPT_CHUNKS = new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND",
  // colour and transparency: without these the same pixels look different
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "iCCP",
  "cICP",
  "sBIT",
  "bKGD",
  "pHYs",
]);

const SIGNATURE_BYTES = 8;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG uses it, over the chunk type and data. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ReadImage {
  width: number;
  height: number;
  /** The file as stored: the same pixels, no metadata. */
  bytes: Uint8Array;
}

export function readPng(bytes: Uint8Array): ReadImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, SIGNATURE_BYTES)];
  let offset = SIGNATURE_BYTES;
  let width = 0;
  let height = 0;
  let sawData = false;
  for (let index = 0; ; index++) {
    if (offset + 12 > bytes.length) throw invalidImage("PNG", "it ends before IEND");
    const length = view.getUint32(offset);
    const type = ascii(bytes, offset + 4, 4);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length)
      throw invalidImage("PNG", `chunk ${type} is cut off`);
    if (!/^[A-Za-z]{4}$/.test(type)) throw invalidImage("PNG", "a chunk has no valid name");
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(end - 4)) {
      throw invalidImage("PNG", `chunk ${type} fails its checksum`);
    }
    if (index === 0) {
      if (type !== "IHDR" || length !== 13)
        throw invalidImage("PNG", "it does not start with IHDR");
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
    }
    // An unknown critical chunk (upper-case first letter) cannot be skipped by a decoder.
    const critical = type.charCodeAt(0) < 0x61;
    if (critical && !KEPT_CHUNKS.has(type)) throw invalidImage("PNG", `unknown chunk ${type}`);
    if (type === "IDAT") sawData = true;
    if (KEPT_CHUNKS.has(type)) kept.push(bytes.subarray(offset, end));
    offset = end;
    if (type === "IEND") break;
  }
  if (!sawData) throw invalidImage("PNG", "it has no image data");
  return { width, height, bytes: joinBytes(kept) };
}
