/**
 * WebP for the local image stand-in: libwebp as WASM (@jsquash/webp) decodes, core's sampler
 * shrinks. Node cannot import a `.wasm` file the way wrangler bundles it, so the compiled
 * module is made here from the package's file, the same bytes the Worker ships
 * (tests/worker/image-decoders.test.ts runs the bundled import inside workerd). The test
 * pictures are encoded with the package's own encoder (libwebp's cwebp as WASM).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import encodeWebp, { init as initEncoder } from "@jsquash/webp/encode.js";
import { beforeAll, describe, expect, it } from "vitest";
import { PIXEL_SAMPLE_LIMITS, type PixelSample } from "../../core/media/pixels";
import {
  BUILTIN_IMAGE_CLASSIFIER,
  classifyImageLocally,
} from "../../core/moderation/image-classifier";
import { sampleWebp } from "../../server/moderation/webp-pixels";

const require = createRequire(import.meta.url);
// The project's types are workerd's, where a Worker may not compile WASM at run time (no
// WebAssembly.compile); Node may, and that is where this runs.
const nodeWasm = WebAssembly as unknown as {
  compile(bytes: Uint8Array): Promise<WebAssembly.Module>;
};
const compile = (file: string) =>
  nodeWasm.compile(readFileSync(require.resolve(`@jsquash/webp/codec/${file}`)));
const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, "../fixtures/images", name)));
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

let decoder: WebAssembly.Module;
beforeAll(async () => {
  decoder = await compile("dec/webp_dec.wasm");
  // encode.d.ts types `init` with Emscripten options only; encode.js takes the module first.
  // Node has WASM SIMD, which is the build encode.js picks there.
  await (initEncoder as unknown as (wasm: WebAssembly.Module) => Promise<unknown>)(
    await compile("enc/webp_enc_simd.wasm"),
  );
});

type Rgb = [number, number, number];
const SKIN: Rgb = [224, 172, 140];
const WALL: Rgb = [120, 140, 160];

/** A WebP of a picture drawn by a function of (x, y): lossy at quality 80, or lossless. */
async function webpOf(
  width: number,
  height: number,
  colourAt: (x: number, y: number) => Rgb,
  lossless = false,
): Promise<Uint8Array> {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...colourAt(x, y), 255], (y * width + x) * 4);
  }
  const options = lossless ? { lossless: 1, method: 0 } : { quality: 80 };
  return new Uint8Array(await encodeWebp({ data, width, height } as never, options));
}

async function sampled(bytes: Uint8Array): Promise<PixelSample> {
  const sample = await sampleWebp(bytes, decoder);
  if (!sample) throw new Error("not decoded");
  return sample;
}

const pixel = (sample: PixelSample, x: number, y: number) => {
  const at = (y * sample.width + x) * 4;
  return [...sample.rgba.subarray(at, at + 4)];
};
const near = (actual: number[], expected: number[], tolerance: number) =>
  actual.every((value, i) => Math.abs(value - (expected[i] as number)) <= tolerance);

describe("sampleWebp", () => {
  it("reads the lossy (VP8) and lossless (VP8L) fixtures; ordinary pictures stay below review", async () => {
    // 72 px is under the sample size, so these are libwebp's own pixels: two gradients
    for (const [name, topLeft, bottomRight] of [
      ["photo-exif.webp", [231, 74, 75, 255], [253, 227, 138, 255]],
      ["photo-lossless-exif.webp", [99, 102, 241, 255], [240, 171, 252, 255]],
    ] as const) {
      const sample = await sampled(fixture(name));
      expect(sample).toMatchObject({ width: 72, height: 72 });
      expect(pixel(sample, 0, 0)).toEqual(topLeft);
      expect(pixel(sample, 71, 71)).toEqual(bottomRight);
      const signals = classifyImageLocally(sample);
      for (const signal of signals) expect(signal.confidence).toBeLessThan(60);
      expect(signals.some((signal) => signal.detail.includes("could not read"))).toBe(false);
    }
  });

  it("composites alpha over white, from a VP8L image and from a VP8 image with an ALPH chunk", async () => {
    // 64×64, top half fully transparent red, bottom half opaque rgb(30, 60, 200):
    // ImageMagick PNG, then `cwebp -lossless -exact` and `cwebp -q 80 -exact` (libwebp 1.2.4)
    const lossless = "UklGRigAAABXRUJQVlA4TBwAAAAvP8APEA8wPLdCHuT5D2mIBZP8pUPYG9H/jD8f";
    const lossy =
      "UklGRp4AAABXRUJQVlA4WAoAAAAQAAAAPwAAPwAAQUxQSBMAAAABDzD/ERFCLJjkLx3C3oj+Z/z5AFZQOCBkAAAA8AQAnQEqQABAAD5tMphIJCKioSQYCbiADYljANOZADQAfIAAEm4lnRnPMYtB7uQwAP70GLfsWctgXj/7xn/Sp9nv9hAALfbDv+wd+Ud0xvxXvoOxdbRwWanZqO2jgjkQAAAAAA==";
    for (const [bytes, tolerance] of [
      [fromBase64(lossless), 0],
      [fromBase64(lossy), 12],
    ] as const) {
      const sample = await sampled(bytes);
      expect(sample).toMatchObject({ width: 64, height: 64 });
      expect(pixel(sample, 10, 10)).toEqual([255, 255, 255, 255]);
      expect(near(pixel(sample, 10, 50), [30, 60, 200, 255], tolerance)).toBe(true);
    }
  });

  it("shrinks a large WebP like the other formats and classifies what it shows", async () => {
    const mostlySkin = await webpOf(400, 400, (_x, y) => (y < 80 ? WALL : SKIN));
    const sample = await sampled(mostlySkin);
    expect(sample).toMatchObject({ width: 128, height: 128 });
    const [signal, ...rest] = classifyImageLocally(sample);
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({ category: "nsfw", model: BUILTIN_IMAGE_CLASSIFIER.id });
    expect(signal?.confidence).toBeGreaterThanOrEqual(60);
    expect(signal?.confidence).toBeLessThanOrEqual(85);

    const landscape = await webpOf(480, 320, (x, y) => {
      if (y < 120 + 40 * Math.sin(x / 50)) return [150, 185, 225];
      return y < 230 ? [110, 115, 120] : [60, 90, 140];
    });
    expect(await sampled(landscape)).toMatchObject({ width: 128, height: 85 });
    expect(classifyImageLocally(await sampled(landscape))).toEqual([]);
  });

  it("decodes up to the megapixel limit and not past it; a damaged file is unread", async () => {
    // 2400×2400 = 5.76 MP: libwebp's WASM memory grows to hold it
    const within = await webpOf(2400, 2400, () => WALL, true);
    expect(await sampled(within)).toMatchObject({ width: 128, height: 128 });
    // 2600×2600 = 6.76 MP: refused from the header, never decoded
    expect(2600 * 2600).toBeGreaterThan(PIXEL_SAMPLE_LIMITS.maxDecodeMegapixels * 1_000_000);
    const over = await webpOf(2600, 2600, () => WALL, true);
    expect(await sampleWebp(over, decoder)).toBeNull();

    const photo = fixture("photo-exif.webp");
    expect(await sampleWebp(photo.subarray(0, 40), decoder)).toBeNull();
    // every chunk header intact (the VP8 data runs from byte 38 to 172), its bitstream
    // garbage: core/media/webp.ts accepts it, libwebp throws its own "Decoding error"
    const garbled = photo.slice();
    garbled.fill(0x55, 60, 160);
    expect(await sampleWebp(garbled, decoder)).toBeNull();
    expect(classifyImageLocally(null)).toEqual([expect.objectContaining({ confidence: 65 })]);
  });
});
