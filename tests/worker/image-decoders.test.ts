/**
 * The image decoders the moderation stand-in uses (jpeg-js, fast-png, libwebp as WASM) run
 * inside workerd, not only in Node: the unit tests (tests/unit/moderation-image.test.ts) cover
 * the behaviour, this proves the packages load and decode in the runtime the Worker ships to,
 * the WASM module coming through the same `.wasm` import the Worker bundle uses.
 */
import { env } from "cloudflare:test";
import { encode as encodePng } from "fast-png";
import { describe, expect, it } from "vitest";
import { inspectPhoto } from "../../core/media/inspect-photo";
import { samplePixels } from "../../core/media/pixels";
import {
  BUILTIN_IMAGE_CLASSIFIER,
  classifyImageLocally,
} from "../../core/moderation/image-classifier";
import { sha256Hex } from "../../core/security/crypto";
import { classifyPhoto } from "../../server/moderation/ai-layer";
import { photoSnapshot } from "../../server/moderation/snapshots";
import webpDecoderWasm from "../../server/moderation/webp-decoder-wasm";
import { sampleWebp } from "../../server/moderation/webp-pixels";
import { IMAGES } from "./fixture-images";

const average = (rgba: Uint8Array, channel: number) => {
  let sum = 0;
  for (let i = channel; i < rgba.length; i += 4) sum += rgba[i] as number;
  return sum / (rgba.length / 4);
};

describe("image decoders in workerd", () => {
  it("samples baseline and progressive JPEGs", () => {
    for (const bytes of [IMAGES.jpegExif, IMAGES.jpegProgressive]) {
      const sample = samplePixels(bytes, "image/jpeg");
      expect(sample).toMatchObject({ width: 96, height: 80 });
      expect(sample?.rgba.length).toBe(96 * 80 * 4);
      // a gradient: neither blank nor saturated
      const red = average(sample?.rgba ?? new Uint8Array(4), 0);
      expect(red).toBeGreaterThan(10);
      expect(red).toBeLessThan(245);
    }
  });

  it("samples a PNG and classifies it", () => {
    expect(samplePixels(IMAGES.pngText, "image/png")).toMatchObject({ width: 80, height: 64 });

    // 300×200 of one skin tone, encoded here in workerd, shrunk to 128×85 and sent to review
    const rgba = new Uint8Array(300 * 200 * 4);
    for (let i = 0; i < 300 * 200; i++) rgba.set([224, 172, 140, 255], i * 4);
    const sample = samplePixels(encodePng({ width: 300, height: 200, data: rgba }), "image/png");
    expect(sample).toMatchObject({ width: 128, height: 85 });
    const [signal] = classifyImageLocally(sample);
    expect(signal).toMatchObject({
      category: "nsfw",
      model: BUILTIN_IMAGE_CLASSIFIER.id,
      confidence: 85,
    });
  });

  it("samples lossy and lossless WebP through the WASM decoder and classifies them", async () => {
    expect(webpDecoderWasm).toBeInstanceOf(WebAssembly.Module);
    // two different gradients; 72 px is under the sample size, so these are libwebp's pixels
    for (const [bytes, topLeft, bottomRight] of [
      [IMAGES.webpExif, [231, 74, 75, 255], [253, 227, 138, 255]],
      [IMAGES.webpLossless, [99, 102, 241, 255], [240, 171, 252, 255]],
    ] as const) {
      // samplePixels has no WebP decoder of its own; the server passes libwebp's RGBA in
      expect(samplePixels(bytes, "image/webp")).toBeNull();
      const sample = await sampleWebp(bytes, webpDecoderWasm);
      expect(sample).toMatchObject({ width: 72, height: 72 });
      const rgba = sample?.rgba ?? new Uint8Array(0);
      expect(rgba.length).toBe(72 * 72 * 4);
      expect([...rgba.subarray(0, 4)]).toEqual(topLeft);
      expect([...rgba.subarray(-4)]).toEqual(bottomRight);
      // an ordinary picture, read: no longer the "could not read" 65
      for (const signal of classifyImageLocally(sample)) expect(signal.confidence).toBeLessThan(60);
    }
    // 2400×2400 (5.76 MP, just under the decode limit; a 38-byte lossless file of one colour,
    // from @jsquash/webp's encoder): libwebp's WASM memory grows to hold it inside workerd
    const large = Uint8Array.from(
      atob("UklGRh4AAABXRUJQVlA4TBEAAAAvX8lXAgdQxuIVtP+BiOh/AAA="),
      (c) => c.charCodeAt(0),
    );
    const shrunk = await sampleWebp(large, webpDecoderWasm);
    expect(shrunk).toMatchObject({ width: 128, height: 128 });
    expect([...(shrunk?.rgba.subarray(0, 4) ?? [])]).toEqual([120, 140, 160, 255]);
    // damaged: unread, so a person looks
    const damaged = await sampleWebp(IMAGES.webpExif.subarray(0, 40), webpDecoderWasm);
    expect(damaged).toBeNull();
    expect(classifyImageLocally(damaged)).toEqual([expect.objectContaining({ confidence: 65 })]);
  });

  it("classifies a stored WebP photo's checked copy without the AI binding", async () => {
    const stored = inspectPhoto(IMAGES.webpLossless);
    const sha256 = await sha256Hex(stored.bytes);
    const { snapshot } = await photoSnapshot(
      env,
      {
        mediaKey: `${sha256}-${"0".repeat(32)}.webp`,
        contentType: "image/webp",
        sha256,
        width: stored.width,
        height: stored.height,
      },
      stored.bytes,
    );
    const result = await classifyPhoto({ FILES: env.FILES, AI: undefined }, snapshot);
    expect(result.model).toBe(BUILTIN_IMAGE_CLASSIFIER.id);
    // read, not "could not read" (65): an ordinary picture stays below review
    for (const signal of result.signals) expect(signal.confidence).toBeLessThan(60);
  });
});
