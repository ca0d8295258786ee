import { ascii, invalidImage, joinBytes } from "./photo-rules";
import type { ReadImage } from "./png";

/**
 * JPEG: walks the marker segments from SOI to EOI and keeps only what decoding needs —
 * frame and scan headers with their entropy-coded data, tables (DQT, DHT, DAC, DRI, DNL,
 * DHP, EXP), an ICC colour profile (APP2 "ICC_PROFILE") and Adobe's colour-transform flag
 * (APP14 "Adobe"). Every other application segment goes: APP1 (EXIF with GPS and camera
 * serials, XMP), APP13 (Photoshop/IPTC), APP0 (JFIF, whose thumbnail can show the uncropped
 * original), the rest, comments (COM) and anything after EOI.
 *
 * One thing is carried over from EXIF: the Orientation tag. Phones store pictures sideways
 * and say "rotate me" there; dropping it would show the person's face on its side. It is
 * written back as a new, 34-byte EXIF block holding that single tag and nothing else.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
/** Start-of-frame markers (all but DHT C4, JPG C8 and DAC CC in C0–CF): the image size. */
const isStartOfFrame = (m: number) =>
  m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Tables and headers a decoder reads: DHT, DAC, DQT, DNL, DRI, DHP, EXP. */
const DECODING_TABLES = new Set([0xc4, 0xcc, 0xdb, 0xdc, 0xdd, 0xde, 0xdf]);
/** Markers with no length field: RST0–7 and TEM. */
const isStandalone = (m: number) => (m >= 0xd0 && m <= 0xd7) || m === 0x01;

const ORIENTATION_TAG = 0x0112;

/** The EXIF Orientation (1–8) of an APP1 segment's data, or null when it has none. */
function exifOrientation(data: Uint8Array): number | null {
  if (ascii(data, 0, 6) !== "Exif\0\0" || data.length < 14) return null;
  const tiff = new DataView(data.buffer, data.byteOffset + 6, data.byteLength - 6);
  const order = ascii(data, 6, 2);
  if (order !== "II" && order !== "MM") return null;
  const little = order === "II";
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return null;
  const entries = tiff.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) return null;
    if (tiff.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    const value = tiff.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** An APP1 segment with an EXIF block that holds only `Orientation = value`. */
function orientationSegment(value: number): Uint8Array {
  // biome-ignore format: the segment's fields, one per line
  return Uint8Array.from([
    0xff, APP1, 0x00, 0x22,                         // marker, length 34
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00,             // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF, IFD0 at 8
    0x00, 0x01,                                     // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, // Orientation, SHORT, count 1
    0x00, value, 0x00, 0x00,                        // the value
    0x00, 0x00, 0x00, 0x00,                         // no next IFD
  ]);
}

/** Where the entropy-coded data after a scan header ends: at the next real marker. */
function endOfScan(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i + 1 < bytes.length) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    const next = bytes[i + 1] as number;
    // FF00 is an escaped data byte; RSTn sit inside the scan.
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      i += 2;
      continue;
    }
    return i;
  }
  throw invalidImage("JPEG", "it ends inside the image data");
}

export function readJpeg(bytes: Uint8Array): ReadImage {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let width = 0;
  let height = 0;
  let orientation: number | null = null;
  let scans = 0;
  let offset = 2;
  for (;;) {
    if (offset + 1 >= bytes.length) throw invalidImage("JPEG", "it ends before its end marker");
    if (bytes[offset] !== 0xff)
      throw invalidImage("JPEG", "a segment does not start with a marker");
    // Any number of FF fill bytes may come before a marker.
    while (bytes[offset + 1] === 0xff && offset + 2 < bytes.length) offset++;
    const marker = bytes[offset + 1] as number;
    if (marker === EOI) {
      kept.push(bytes.subarray(offset, offset + 2));
      break;
    }
    if (marker === SOI) throw invalidImage("JPEG", "it starts twice");
    if (isStandalone(marker)) {
      kept.push(bytes.subarray(offset, offset + 2));
      offset += 2;
      continue;
    }
    if (offset + 4 > bytes.length) throw invalidImage("JPEG", "a segment is cut off");
    const length = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) throw invalidImage("JPEG", "a segment is cut off");
    const segment = bytes.subarray(offset, end);
    const data = bytes.subarray(offset + 4, end);
    if (isStartOfFrame(marker)) {
      if (length < 8) throw invalidImage("JPEG", "its frame header is too short");
      if (width === 0) {
        height = ((data[1] as number) << 8) | (data[2] as number);
        width = ((data[3] as number) << 8) | (data[4] as number);
        if (width === 0 || height === 0) throw invalidImage("JPEG", "it has no size");
      }
      kept.push(segment);
    } else if (marker === SOS) {
      if (width === 0) throw invalidImage("JPEG", "image data comes before the frame header");
      const scanEnd = endOfScan(bytes, end);
      kept.push(bytes.subarray(offset, scanEnd));
      scans++;
      offset = scanEnd;
      continue;
    } else if (DECODING_TABLES.has(marker)) {
      kept.push(segment);
    } else if (marker === APP2 && ascii(data, 0, 12) === "ICC_PROFILE\0") {
      kept.push(segment);
    } else if (marker === APP14 && ascii(data, 0, 5) === "Adobe") {
      kept.push(segment);
    } else if (marker === APP1 && orientation === null) {
      orientation = exifOrientation(data);
    }
    // Everything else (APPn, COM, JPGn) is metadata or unused by decoders: dropped.
    offset = end;
  }
  if (width === 0 || scans === 0) throw invalidImage("JPEG", "it has no image data");
  if (orientation !== null && orientation !== 1) kept.splice(1, 0, orientationSegment(orientation));
  return { width, height, bytes: joinBytes(kept) };
}
