// WebP pixels for the local image stand-in (core/moderation/image-classifier.ts). There is no
// pure-JS WebP decoder worth trusting, so this runs libwebp compiled to WASM (@jsquash/webp,
// the Squoosh build: lossy VP8, lossless VP8L, alpha). The compiled module is passed in rather
// than imported here: a Worker gets it from wrangler's CompiledWasm import
// (./webp-decoder-wasm.ts), Node tests compile the package's .wasm file themselves.
import decodeWebp, { init } from "@jsquash/webp/decode.js";
import { type PixelSample, sampleRgba, withinDecodeLimit } from "../../core/media/pixels";
import { readWebp } from "../../core/media/webp";

// decode.d.ts still types `init` as taking only Emscripten options; decode.js also takes the
// compiled module first, the way its README documents for Cloudflare Workers.
const initWithModule = init as unknown as (wasm: WebAssembly.Module) => Promise<void>;

/** The module @jsquash/webp was initialised with: it keeps one decoder per isolate. */
let initialisedWith: WebAssembly.Module | null = null;

/**
 * The WebP downsampled like the other formats (alpha over white), or null when it cannot be
 * read: a damaged file, or larger than the decode limit. libwebp holds the whole RGBA image in
 * its WASM memory and hands back a copy, 8 bytes a pixel in all, so the same megapixel bound as
 * for JPEG and PNG keeps a decode far inside an isolate's 128 MB; the size comes from the
 * headers (core/media/webp.ts), before anything is decoded.
 */
export async function sampleWebp(
  bytes: Uint8Array,
  wasm: WebAssembly.Module,
): Promise<PixelSample | null> {
  try {
    const { width, height } = readWebp(bytes);
    if (!withinDecodeLimit(width, height)) return null;
    if (initialisedWith !== wasm) {
      await initWithModule(wasm);
      initialisedWith = wasm;
    }
    // A copy of exactly the file's bytes: `bytes` may be a view into a larger buffer.
    const image = await decodeWebp(bytes.slice().buffer);
    return sampleRgba({ width: image.width, height: image.height, data: image.data });
  } catch {
    // readWebp refuses a malformed file, libwebp throws "Decoding error": unread, a person looks.
    return null;
  }
}
