import { ascii, invalidImage, joinBytes, PhotoRejected } from "./photo-rules";
import type { ReadImage } from "./png";

/**
 * WebP: a RIFF file of chunks. Kept: the extended header (VP8X), the colour profile (ICCP),
 * the alpha plane (ALPH) and the one image bitstream (VP8 lossy or VP8L lossless). Dropped:
 * EXIF, XMP and any other chunk, plus bytes past the RIFF size. VP8X says in its flags
 * which metadata chunks follow, so the EXIF and XMP bits are cleared to match, and the RIFF
 * size is rewritten. Animated WebP is refused: its frames are not one photo a reviewer sees.
 */

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;
const VP8X_ANIMATION = 0x02;
const KEPT_CHUNKS = new Set(["VP8X", "ICCP", "ALPH", "VP8 ", "VP8L"]);

const u24 = (b: Uint8Array, at: number) =>
  (b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16);

/** The size a VP8 (lossy) key frame or a VP8L (lossless) bitstream declares. */
function bitstreamSize(type: string, data: Uint8Array): { width: number; height: number } {
  if (type === "VP8 ") {
    // 3-byte frame tag (bit 0 clear: a key frame), start code 9D 01 2A, then 14-bit sizes
    if (data.length < 10 || ((data[0] as number) & 1) !== 0) {
      throw invalidImage("WebP", "its lossy image is not a key frame");
    }
    if (data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) {
      throw invalidImage("WebP", "its lossy image has no start code");
    }
    const width = ((data[6] as number) | ((data[7] as number) << 8)) & 0x3fff;
    const height = ((data[8] as number) | ((data[9] as number) << 8)) & 0x3fff;
    return { width, height };
  }
  // VP8L: signature 0x2F, then width-1 and height-1 in 14 bits each, little-endian bits
  if (data.length < 5 || data[0] !== 0x2f) {
    throw invalidImage("WebP", "its lossless image has no signature");
  }
  const bits =
    ((data[1] as number) |
      ((data[2] as number) << 8) |
      ((data[3] as number) << 16) |
      ((data[4] as number) << 24)) >>>
    0;
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

export function readWebp(bytes: Uint8Array): ReadImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (bytes.length < 12 || riffEnd > bytes.length || riffEnd < 12) {
    throw invalidImage("WebP", "it is shorter than it says");
  }
  const kept: Uint8Array[] = [];
  let canvas: { width: number; height: number } | null = null;
  let image: { width: number; height: number } | null = null;
  let extendedHeader: Uint8Array | null = null;
  let offset = 12;
  while (offset < riffEnd) {
    if (offset + 8 > riffEnd) throw invalidImage("WebP", "a chunk is cut off");
    const type = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const dataEnd = offset + 8 + size;
    if (dataEnd > riffEnd) throw invalidImage("WebP", `chunk ${type.trim()} is cut off`);
    const data = bytes.subarray(offset + 8, dataEnd);
    // Chunks are padded to an even length.
    const end = Math.min(dataEnd + (size & 1), riffEnd);
    if (type === "ANIM" || type === "ANMF") {
      throw new PhotoRejected("unsupported_image", "Animated images are not accepted as a photo");
    }
    if (type === "VP8X") {
      if (offset !== 12 || size < 10)
        throw invalidImage("WebP", "its extended header is misplaced");
      if ((data[0] as number) & VP8X_ANIMATION) {
        throw new PhotoRejected("unsupported_image", "Animated images are not accepted as a photo");
      }
      canvas = { width: u24(data, 4) + 1, height: u24(data, 7) + 1 };
      // A copy, so the flags can be fixed without touching the caller's bytes.
      extendedHeader = bytes.slice(offset, end);
      kept.push(extendedHeader);
    } else if (type === "VP8 " || type === "VP8L") {
      if (image) throw invalidImage("WebP", "it has more than one image");
      image = bitstreamSize(type, data);
      kept.push(bytes.subarray(offset, end));
    } else if (KEPT_CHUNKS.has(type)) {
      kept.push(bytes.subarray(offset, end));
    }
    offset = end;
  }
  if (!image) throw invalidImage("WebP", "it has no image data");
  if (extendedHeader && canvas) {
    if (canvas.width !== image.width || canvas.height !== image.height) {
      throw invalidImage("WebP", "its canvas and image sizes differ");
    }
    extendedHeader[8] = (extendedHeader[8] as number) & ~(VP8X_EXIF | VP8X_XMP);
  } else if (kept.length > 1) {
    // ALPH or ICCP without VP8X: only the extended format may carry them.
    throw invalidImage("WebP", "it has extended chunks without an extended header");
  }
  const body = joinBytes(kept);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 4), 0);
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  header.set(bytes.subarray(8, 12), 8);
  return { width: image.width, height: image.height, bytes: joinBytes([header, body]) };
}
