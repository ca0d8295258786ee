import { type DecodedPng, decode as decodePng } from "fast-png";
import { decode as decodeJpeg } from "jpeg-js";
import type { PhotoContentType } from "./photo-rules";

/**
 * A stored photo's pixels, downsampled for a classifier (the moderation stand-in in
 * core/moderation/image-classifier.ts). Pure JavaScript decoders so it runs unchanged in
 * workerd, Node and the browser: jpeg-js (baseline and progressive JPEG) and fast-png. WebP
 * has no pure-JS decoder, and the WASM one (libwebp) needs a compiled module that only the
 * caller can load (a Worker imports it, Node reads the file), so `samplePixels` gives null for
 * WebP and the caller decodes it and hands the RGBA to `sampleRgba`, which shrinks it the same
 * way. A caller with no decoder treats "could not read" as "a person looks".
 *
 * Decoding is bounded. Both decoders hold the whole image in memory, and a Worker isolate has
 * 128 MB. jpeg-js keeps every 8×8 block of every component as an Int32Array (4 bytes per
 * sample) beside its output: by its own count a 6 MP JPEG with the usual 4:2:0 chroma needs
 * under 80 MB, the same with full 4:4:4 chroma over 100 MB (measured). fast-png holds the
 * inflated stream and the unfiltered rows, two copies of the raw pixels. So nothing above
 * `maxDecodeMegapixels` is decoded, jpeg-js stops at JPEG_MEMORY_MB, and a PNG whose raw
 * pixels exceed PNG_MAX_RAW_BYTES (16-bit RGBA is 8 bytes a pixel) is not inflated. A 12 MP
 * phone photo is over the bound: the caller gets null and a person looks, the safe answer
 * for a stand-in.
 */

/** A photo shrunk to at most `maxSide` on its longest side; RGBA, alpha composited over white. */
export interface PixelSample {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export const PIXEL_SAMPLE_LIMITS = {
  maxSide: 128,
  maxDecodeMegapixels: 6,
} as const satisfies { maxSide: 128; maxDecodeMegapixels: number };

/** jpeg-js counts its own allocations; past this it throws instead of exhausting the isolate. */
const JPEG_MEMORY_MB = 96;
/** Raw (inflated) pixel bytes a PNG may have to be decoded: 6 MP of 8-bit RGBA. */
const PNG_MAX_RAW_BYTES = 24_000_000;
/** Samples per pixel of each PNG colour type (IHDR byte 25): grey, RGB, palette, grey+α, RGBA. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Fills `out` (width × 4 bytes) with row `y` as 8-bit RGBA. */
type RowReader = (y: number, out: Uint8Array) => void;

/**
 * The photo downsampled for a classifier; null when it cannot be decoded here (WebP: the
 * caller decodes it, see `sampleRgba`; or above maxDecodeMegapixels; or a decode error).
 */
export function samplePixels(bytes: Uint8Array, contentType: PhotoContentType): PixelSample | null {
  try {
    if (contentType === "image/jpeg") return sampleJpeg(bytes);
    if (contentType === "image/png") return samplePng(bytes);
    return null;
  } catch {
    // A damaged or unsupported file (an exotic JPEG process, a broken zlib stream): unread.
    return null;
  }
}

/** Whether a picture of this size may be decoded at all: the same bound for every decoder. */
export const withinDecodeLimit = (width: number, height: number) =>
  width * height <= PIXEL_SAMPLE_LIMITS.maxDecodeMegapixels * 1_000_000;

const tooLarge = (width: number, height: number) => !withinDecodeLimit(width, height);

/**
 * An image some other decoder already turned into 8-bit RGBA (row by row, 4 bytes a pixel,
 * e.g. libwebp's output), downsampled like the others; null when the buffer is not that size.
 */
export function sampleRgba(image: {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}): PixelSample | null {
  const { width, height, data } = image;
  if (width < 1 || height < 1 || data.length !== width * height * 4) return null;
  return downsample(width, height, (y, out) =>
    out.set(data.subarray(y * width * 4, (y + 1) * width * 4)),
  );
}

function sampleJpeg(bytes: Uint8Array): PixelSample | null {
  const image = decodeJpeg(bytes, {
    useTArray: true, // a plain Uint8Array: workerd has no Buffer
    formatAsRGBA: false, // RGB: a quarter less memory; alpha is always opaque in JPEG
    maxResolutionInMP: PIXEL_SAMPLE_LIMITS.maxDecodeMegapixels,
    maxMemoryUsageInMB: JPEG_MEMORY_MB,
  });
  const { width, height, data } = image;
  if (width < 1 || height < 1 || data.length < width * height * 3) return null;
  return downsample(width, height, (y, out) => {
    let from = y * width * 3;
    for (let x = 0, to = 0; x < width; x++, to += 4, from += 3) {
      out[to] = data[from] as number;
      out[to + 1] = data[from + 1] as number;
      out[to + 2] = data[from + 2] as number;
      out[to + 3] = 255;
    }
  });
}

function samplePng(bytes: Uint8Array): PixelSample | null {
  // IHDR is the first chunk (png.ts checked it on upload): width, height, bit depth, colour type.
  if (bytes.length < 26) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const channels = PNG_CHANNELS[bytes[25] as number];
  if (!channels || tooLarge(width, height)) return null;
  if ((width * height * channels * (bytes[24] as number)) / 8 > PNG_MAX_RAW_BYTES) return null;
  const png = decodePng(bytes);
  if (png.width < 1 || png.height < 1) return null;
  return downsample(png.width, png.height, pngRowReader(png));
}

/**
 * Row reader for every PNG colour type fast-png returns undecoded: grey (1, 2, 4, 8, 16 bit),
 * grey+alpha, RGB, RGBA (8 or 16 bit), and palette indices (1, 2, 4, 8 bit; a tRNS chunk gives
 * the palette entries a fourth, alpha, value). A tRNS colour key on grey or RGB marks the
 * pixels of exactly that value transparent.
 */
function pngRowReader(png: DecodedPng): RowReader {
  const { width, depth, channels, data, palette, transparency } = png;
  const indexed = channels === 1 && palette !== undefined;
  // Samples of a row: packed bits below 8, one array element each at 8 and 16.
  const rowLength = depth < 8 ? Math.ceil((width * depth * channels) / 8) : width * channels;
  const maxValue = (1 << depth) - 1;
  const sampleAt = (rowStart: number, index: number): number => {
    if (depth >= 8) return data[rowStart + index] as number;
    const bit = index * depth;
    const byte = data[rowStart + (bit >> 3)] as number;
    return (byte >> (8 - depth - (bit & 7))) & maxValue;
  };
  // Raw sample → 0–255 (16-bit and 1/2/4-bit samples are scaled to the 8-bit range).
  const to8 = (value: number) => (depth === 8 ? value : Math.round((value * 255) / maxValue));
  const key = !indexed && transparency && transparency.length >= (channels >= 3 ? 3 : 1);

  return (y, out) => {
    const rowStart = y * rowLength;
    for (let x = 0, to = 0; x < width; x++, to += 4) {
      const at = x * channels;
      let r: number;
      let g: number;
      let b: number;
      let a = 255;
      if (indexed) {
        const entry = palette[sampleAt(rowStart, x)];
        if (!entry) throw new Error("palette index out of range");
        r = entry[0] as number;
        g = entry[1] as number;
        b = entry[2] as number;
        a = entry[3] ?? 255;
      } else if (channels <= 2) {
        const raw = sampleAt(rowStart, at);
        r = g = b = to8(raw);
        if (channels === 2) a = to8(sampleAt(rowStart, at + 1));
        else if (key && raw === transparency[0]) a = 0;
      } else {
        const rawR = sampleAt(rowStart, at);
        const rawG = sampleAt(rowStart, at + 1);
        const rawB = sampleAt(rowStart, at + 2);
        r = to8(rawR);
        g = to8(rawG);
        b = to8(rawB);
        if (channels === 4) a = to8(sampleAt(rowStart, at + 3));
        else if (
          key &&
          rawR === transparency[0] &&
          rawG === transparency[1] &&
          rawB === transparency[2]
        ) {
          a = 0;
        }
      }
      out[to] = r;
      out[to + 1] = g;
      out[to + 2] = b;
      out[to + 3] = a;
    }
  };
}

/** Over white: what a person sees on the page where the photo is shown. */
const overWhite = (channel: number, alpha: number) => (channel * alpha + 255 * (255 - alpha)) / 255;

/**
 * Area averaging (a box filter): every source pixel is added to the output pixel whose box
 * contains it, and each output pixel is the mean of its box. Unlike nearest-pixel sampling
 * no source pixel is skipped, so a small patch still moves the average. One pass over the
 * rows, memory for one source row and the output sums only.
 */
function downsample(width: number, height: number, readRow: RowReader): PixelSample {
  const scale = Math.min(1, PIXEL_SAMPLE_LIMITS.maxSide / Math.max(width, height));
  const outWidth = Math.max(1, Math.round(width * scale));
  const outHeight = Math.max(1, Math.round(height * scale));
  const sums = new Float64Array(outWidth * outHeight * 3);
  const counts = new Uint32Array(outWidth * outHeight);
  const column = new Uint32Array(width);
  for (let x = 0; x < width; x++)
    column[x] = Math.min(outWidth - 1, Math.floor((x * outWidth) / width));
  const row = new Uint8Array(width * 4);

  for (let y = 0; y < height; y++) {
    readRow(y, row);
    const outRow = Math.min(outHeight - 1, Math.floor((y * outHeight) / height)) * outWidth;
    for (let x = 0, at = 0; x < width; x++, at += 4) {
      const cell = outRow + (column[x] as number);
      const alpha = row[at + 3] as number;
      const sum = cell * 3;
      if (alpha === 255) {
        sums[sum] = (sums[sum] as number) + (row[at] as number);
        sums[sum + 1] = (sums[sum + 1] as number) + (row[at + 1] as number);
        sums[sum + 2] = (sums[sum + 2] as number) + (row[at + 2] as number);
      } else {
        sums[sum] = (sums[sum] as number) + overWhite(row[at] as number, alpha);
        sums[sum + 1] = (sums[sum + 1] as number) + overWhite(row[at + 1] as number, alpha);
        sums[sum + 2] = (sums[sum + 2] as number) + overWhite(row[at + 2] as number, alpha);
      }
      counts[cell] = (counts[cell] as number) + 1;
    }
  }

  const rgba = new Uint8Array(outWidth * outHeight * 4);
  for (let cell = 0; cell < counts.length; cell++) {
    const count = counts[cell] || 1;
    rgba[cell * 4] = Math.round((sums[cell * 3] as number) / count);
    rgba[cell * 4 + 1] = Math.round((sums[cell * 3 + 1] as number) / count);
    rgba[cell * 4 + 2] = Math.round((sums[cell * 3 + 2] as number) / count);
    rgba[cell * 4 + 3] = 255;
  }
  return { width: outWidth, height: outHeight, rgba };
}
