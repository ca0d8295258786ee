/**
 * The image decoders the moderation stand-in uses (jpeg-js, fast-png) run inside workerd, not
 * only in Node: the unit tests (tests/unit/moderation-image.test.ts) cover the behaviour, this
 * proves the packages load and decode in the runtime the Worker ships to.
 */
import { encode as encodePng } from "fast-png";
import { describe, expect, it } from "vitest";
import { samplePixels } from "../../core/media/pixels";
import {
  BUILTIN_IMAGE_CLASSIFIER,
  classifyImageLocally,
} from "../../core/moderation/image-classifier";
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

  it("gives null for WebP, so the stand-in sends it to a person", () => {
    const sample = samplePixels(IMAGES.webpExif, "image/webp");
    expect(sample).toBeNull();
    expect(classifyImageLocally(sample)).toEqual([expect.objectContaining({ confidence: 65 })]);
  });
});
