import { readFileSync } from "node:fs";
import path from "node:path";
import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { describe, expect, it } from "vitest";
import { PIXEL_SAMPLE_LIMITS, type PixelSample, samplePixels } from "../../core/media/pixels";
import {
  analyseSkin,
  BUILTIN_IMAGE_CLASSIFIER,
  classifyImageLocally,
  isSkinColour,
} from "../../core/moderation/image-classifier";
import { parseVisionAnswer, VISION_MODEL, VISION_PROMPT } from "../../core/moderation/vision";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, "../fixtures/images", name)));

type Rgb = [number, number, number];
const SKIN: Rgb = [224, 172, 140];
const BACKGROUND: Rgb = [120, 140, 160];
const CLOTHING: Rgb = [40, 50, 80];
const HAIR: Rgb = [50, 35, 25];
const DARK: Rgb = [30, 25, 25];

/** A picture drawn by a function of (x, y), with a little deterministic noise like a camera's. */
function draw(width: number, height: number, colourAt: (x: number, y: number) => Rgb) {
  const rgba = new Uint8Array(width * height * 4);
  let seed = 7;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed % 9) - 4;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colourAt(x, y);
      const at = (y * width + x) * 4;
      const shade = noise();
      rgba[at] = r + shade;
      rgba[at + 1] = g + shade;
      rgba[at + 2] = b + shade;
      rgba[at + 3] = 255;
    }
  }
  return { width, height, rgba };
}

const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) =>
  ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

/** Head and shoulders: a face ellipse with eyes and a mouth, hair, neck, clothing, a wall. */
const portrait = draw(400, 500, (x, y) => {
  if (inEllipse(x, y, 165, 200, 14, 8) || inEllipse(x, y, 235, 200, 14, 8)) return DARK;
  if (inEllipse(x, y, 200, 265, 28, 8)) return DARK;
  if (inEllipse(x, y, 200, 215, 85, 110)) return SKIN;
  if (inEllipse(x, y, 200, 150, 100, 90) && y < 170) return HAIR;
  if (y >= 320 && y < 380 && x > 165 && x < 235) return SKIN; // neck
  if (y >= 360 && inEllipse(x, y, 200, 560, 200, 200)) return CLOTHING;
  return BACKGROUND;
});

/** ~80 % skin tones in one region: a strip of wall above, the rest skin. */
const mostlySkin = draw(400, 400, (_x, y) => (y < 80 ? BACKGROUND : SKIN));

/** Sky, grey mountains, a blue lake: no skin tones at all. */
const landscape = draw(480, 320, (x, y) => {
  if (y < 120 + 40 * Math.sin(x / 50)) return [150, 185, 225];
  if (y < 230) return [110, 115, 120];
  return [60, 90, 140];
});

/** A close-up face filling the frame: skin-dominated, but with eyes, brows and a mouth. */
const closeUpFace = draw(300, 300, (x, y) => {
  if (inEllipse(x, y, 105, 120, 22, 10) || inEllipse(x, y, 195, 120, 22, 10)) return DARK;
  if (inEllipse(x, y, 105, 95, 28, 5) || inEllipse(x, y, 195, 95, 28, 5)) return HAIR;
  if (inEllipse(x, y, 150, 215, 40, 12)) return DARK;
  if (inEllipse(x, y, 150, 160, 150, 170)) return SKIN;
  return BACKGROUND;
});

const asJpeg = (image: { width: number; height: number; rgba: Uint8Array }, quality = 90) =>
  new Uint8Array(
    encodeJpeg({ width: image.width, height: image.height, data: image.rgba }, quality).data,
  );
const asPng = (image: { width: number; height: number; rgba: Uint8Array }) =>
  encodePng({ width: image.width, height: image.height, data: image.rgba, channels: 4, depth: 8 });

function pixel(sample: PixelSample, x: number, y: number): number[] {
  const at = (y * sample.width + x) * 4;
  return [...sample.rgba.subarray(at, at + 4)];
}

function sampled(bytes: Uint8Array, type: "image/png" | "image/jpeg"): PixelSample {
  const sample = samplePixels(bytes, type);
  if (!sample) throw new Error("not decoded");
  return sample;
}

describe("samplePixels", () => {
  it("downsamples a JPEG to 128 px on its longest side, keeping the aspect ratio", () => {
    const sample = sampled(asJpeg(portrait), "image/jpeg");
    expect(sample).toMatchObject({ width: 102, height: 128 });
    expect(sample.rgba.length).toBe(102 * 128 * 4);
    // the wall in the top-left corner, within JPEG's rounding
    const [r, g, b, a] = pixel(sample, 2, 2);
    expect(Math.abs((r as number) - 120)).toBeLessThan(8);
    expect(Math.abs((g as number) - 140)).toBeLessThan(8);
    expect(Math.abs((b as number) - 160)).toBeLessThan(8);
    expect(a).toBe(255);
  });

  it("keeps a picture already within 128 px at its size", () => {
    const small = draw(90, 70, () => SKIN);
    expect(sampled(asPng(small), "image/png")).toMatchObject({ width: 90, height: 70 });
  });

  it("averages areas rather than picking one pixel: a 1 px checkerboard becomes mid-grey", () => {
    const size = 512;
    const rgba = new Uint8Array(size * size * 4);
    for (let i = 0; i < size * size; i++) {
      const black = ((i % size) + Math.floor(i / size)) % 2 === 0;
      rgba.fill(black ? 0 : 255, i * 4, i * 4 + 3);
      rgba[i * 4 + 3] = 255;
    }
    const sample = sampled(encodePng({ width: size, height: size, data: rgba }), "image/png");
    expect(sample.width).toBe(128);
    for (const [x, y] of [
      [0, 0],
      [64, 64],
      [127, 127],
    ] as const) {
      const [r] = pixel(sample, x, y);
      expect(r).toBeGreaterThanOrEqual(127);
      expect(r).toBeLessThanOrEqual(128);
    }
  });

  it("reads the real JPEG fixtures, baseline and progressive", () => {
    expect(samplePixels(fixture("photo-exif.jpg"), "image/jpeg")).toMatchObject({
      width: 96,
      height: 80,
    });
    expect(samplePixels(fixture("photo-progressive.jpg"), "image/jpeg")).toMatchObject({
      width: 96,
      height: 80,
    });
    expect(samplePixels(fixture("photo-text.png"), "image/png")).toMatchObject({
      width: 80,
      height: 64,
    });
  });

  it("composites alpha over white", () => {
    const rgba = new Uint8Array(100 * 100 * 4);
    for (let i = 0; i < 100 * 100; i++) {
      rgba.set([200, 0, 0, i < 50 * 100 ? 0 : 128], i * 4); // top half clear, bottom half 50 %
    }
    const sample = sampled(encodePng({ width: 100, height: 100, data: rgba }), "image/png");
    expect(pixel(sample, 10, 10)).toEqual([255, 255, 255, 255]);
    // 200·128/255 + 255·127/255 ≈ 227; 0·… + 255·127/255 = 127
    expect(pixel(sample, 10, 90)).toEqual([227, 127, 127, 255]);
  });

  it("reads 16-bit RGB and 16-bit grey+alpha PNGs", () => {
    const rgb16 = new Uint16Array(80 * 80 * 3);
    for (let i = 0; i < 80 * 80; i++) rgb16.set([0xe0e0, 0xacac, 0x8c8c], i * 3);
    const colour = sampled(
      encodePng({ width: 80, height: 80, data: rgb16, channels: 3, depth: 16 }),
      "image/png",
    );
    expect(pixel(colour, 40, 40)).toEqual([224, 172, 140, 255]);

    const greyAlpha = new Uint16Array(80 * 80 * 2);
    for (let i = 0; i < 80 * 80; i++) greyAlpha.set([0x0000, 0xffff], i * 2);
    const grey = sampled(
      encodePng({ width: 80, height: 80, data: greyAlpha, channels: 2, depth: 16 }),
      "image/png",
    );
    expect(pixel(grey, 5, 5)).toEqual([0, 0, 0, 255]);
  });

  it("reads palette PNGs (8 and 4 bit, with palette alpha) and 1-bit grey", () => {
    // fast-png's encoder writes tRNS for the non-opaque entries only, so they must come first
    const palette = [
      [0, 0, 255, 0], // fully transparent: white on the page
      [224, 172, 140, 255],
    ];
    const indices = new Uint8Array(80 * 80);
    for (let i = 0; i < indices.length; i++) indices[i] = i % 80 < 40 ? 1 : 0;
    const eightBit = sampled(
      encodePng({ width: 80, height: 80, data: indices, channels: 1, depth: 8, palette }),
      "image/png",
    );
    expect(pixel(eightBit, 10, 10)).toEqual([224, 172, 140, 255]);
    expect(pixel(eightBit, 70, 10)).toEqual([255, 255, 255, 255]);

    // 4 bits per index: two pixels a byte, the left one in the high nibble
    const packed = new Uint8Array(40 * 80).fill(0x10);
    const fourBit = sampled(
      encodePng({ width: 80, height: 80, data: packed, channels: 1, depth: 4, palette }),
      "image/png",
    );
    expect(pixel(fourBit, 0, 0)).toEqual([224, 172, 140, 255]);
    expect(pixel(fourBit, 1, 0)).toEqual([255, 255, 255, 255]);

    // 1-bit grey: 0b10101010 → white, black, …
    const bits = new Uint8Array(10 * 80).fill(0xaa);
    const oneBit = sampled(
      encodePng({ width: 80, height: 80, data: bits, channels: 1, depth: 1 }),
      "image/png",
    );
    expect(pixel(oneBit, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(oneBit, 1, 0)).toEqual([0, 0, 0, 255]);
  });

  it("gives null for WebP, damaged files and pictures over the decode limit", () => {
    // WebP is decoded by the server (libwebp as WASM), see tests/unit/webp-pixels.test.ts
    expect(samplePixels(fixture("photo-exif.webp"), "image/webp")).toBeNull();
    expect(samplePixels(fixture("photo-lossless-exif.webp"), "image/webp")).toBeNull();
    const jpeg = asJpeg(mostlySkin);
    expect(samplePixels(jpeg.subarray(0, 200), "image/jpeg")).toBeNull();
    expect(samplePixels(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "image/png")).toBeNull();

    // 6000×6000 (36 MP, 1-bit white): decodable, but over the limit, so never inflated
    expect(36).toBeGreaterThan(PIXEL_SAMPLE_LIMITS.maxDecodeMegapixels);
    expect(samplePixels(fixture("too-many-pixels.png"), "image/png")).toBeNull();

    // 1800×1800 (3.2 MP) is within the pixel limit, but at 16-bit RGBA its raw rows are 26 MB
    const side = 1800;
    const fast = { zlib: { level: 1 as const } };
    const deep = new Uint16Array(side * side * 4).fill(0xffff);
    const deepPng = encodePng({ width: side, height: side, data: deep, depth: 16 }, fast);
    expect(samplePixels(deepPng, "image/png")).toBeNull();
    const shallow = new Uint8Array(side * side * 4).fill(0xff);
    const shallowPng = encodePng({ width: side, height: side, data: shallow }, fast);
    expect(samplePixels(shallowPng, "image/png")).toMatchObject({ width: 128, height: 128 });

    // a JPEG whose frame header says 5000×3000 (15 MP): refused at the header
    const sof = jpeg.findIndex((byte, i) => byte === 0xff && jpeg[i + 1] === 0xc0);
    const large = jpeg.slice();
    new DataView(large.buffer).setUint16(sof + 5, 3000); // height
    new DataView(large.buffer).setUint16(sof + 7, 5000); // width
    const started = performance.now();
    expect(samplePixels(large, "image/jpeg")).toBeNull();
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("classifyImageLocally", () => {
  const classify = (bytes: Uint8Array, type: "image/png" | "image/jpeg") =>
    classifyImageLocally(samplePixels(bytes, type));

  it("tells skin tones from wall, clothing, sky and grey", () => {
    expect(isSkinColour(...SKIN)).toBe(true);
    expect(isSkinColour(198, 134, 66)).toBe(true); // a darker, warmer skin tone
    for (const colour of [
      BACKGROUND,
      CLOTHING,
      HAIR,
      [150, 185, 225],
      [128, 128, 128],
      [255, 255, 255],
    ]) {
      expect(isSkinColour(...(colour as Rgb)), colour.join()).toBe(false);
    }
  });

  it("leaves an ordinary head-and-shoulders portrait well below review", () => {
    const analysis = analyseSkin(sampled(asJpeg(portrait), "image/jpeg"));
    expect(analysis.skinShare).toBeGreaterThan(0.15);
    expect(analysis.skinShare).toBeLessThan(0.25);
    const signals = classify(asJpeg(portrait), "image/jpeg");
    for (const signal of signals) expect(signal.confidence).toBeLessThan(60);
    expect(classify(asPng(portrait), "image/png").every((s) => s.confidence < 60)).toBe(true);
  });

  it("sends a picture that is mostly one skin-coloured region to review, never above 85", () => {
    for (const bytes of [asJpeg(mostlySkin), asJpeg(mostlySkin, 40)]) {
      const [signal, ...rest] = classify(bytes, "image/jpeg");
      expect(rest).toEqual([]);
      expect(signal).toMatchObject({
        layer: "ai",
        category: "nsfw",
        model: BUILTIN_IMAGE_CLASSIFIER.id,
      });
      expect(signal?.confidence).toBeGreaterThanOrEqual(60);
      expect(signal?.confidence).toBeLessThanOrEqual(85);
      expect(signal?.detail).toMatch(/80 % of the picture/);
      expect(signal?.detail.endsWith(`(${BUILTIN_IMAGE_CLASSIFIER.label})`)).toBe(true);
    }
    const allSkin = draw(200, 200, () => SKIN);
    expect(classify(asPng(allSkin), "image/png")[0]?.confidence).toBe(85);
  });

  it("keeps skin split into small regions below review (Ap-apid: scattered skin)", () => {
    // 64 % skin, but as a grid of separate tiles: hands, faces, a group photo
    const tiles = draw(400, 400, (x, y) => (x % 50 < 40 && y % 50 < 40 ? SKIN : BACKGROUND));
    const analysis = analyseSkin(sampled(asPng(tiles), "image/png"));
    expect(analysis.skinShare).toBeGreaterThan(0.55);
    expect(analysis.regions).toBe(64);
    const [signal] = classify(asPng(tiles), "image/png");
    expect(signal?.confidence).toBeLessThan(60);
  });

  it("keeps a close-up face (skin with eyes and a mouth inside) below review", () => {
    const analysis = analyseSkin(sampled(asJpeg(closeUpFace), "image/jpeg"));
    expect(analysis.skinShare).toBeGreaterThan(0.55);
    expect(analysis.enclosedFeatures).toBeGreaterThanOrEqual(2);
    expect(classify(asJpeg(closeUpFace), "image/jpeg")[0]?.confidence).toBeLessThan(60);
    // the same skin area with nothing inside it does reach review
    const blank = draw(300, 300, (x, y) =>
      inEllipse(x, y, 150, 160, 150, 170) ? SKIN : BACKGROUND,
    );
    expect(classify(asJpeg(blank), "image/jpeg")[0]?.confidence).toBeGreaterThanOrEqual(60);
  });

  it("says nothing about a landscape", () => {
    expect(classify(asJpeg(landscape), "image/jpeg")).toEqual([]);
    expect(classify(asPng(landscape), "image/png")).toEqual([]);
  });

  it("sends a picture it cannot read (a damaged file) to a person at 65", () => {
    const damaged = asJpeg(landscape).subarray(0, 200);
    const signals = classifyImageLocally(samplePixels(damaged, "image/jpeg"));
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      layer: "ai",
      category: "nsfw",
      confidence: 65,
      model: BUILTIN_IMAGE_CLASSIFIER.id,
    });
    expect(signals[0]?.detail).toContain("could not read");
    expect(signals[0]?.detail.endsWith(`(${BUILTIN_IMAGE_CLASSIFIER.label})`)).toBe(true);
  });
});

describe("parseVisionAnswer", () => {
  const confidences = (text: string) =>
    Object.fromEntries(parseVisionAnswer(text).map((s) => [s.category, s.confidence]));

  it("asks for JSON scores only, for every category a photo can show", () => {
    for (const key of ["nsfw", "hate", "violence", "spam", "pii", "malicious_link"]) {
      expect(VISION_PROMPT).toContain(`"${key}"`);
    }
    expect(VISION_PROMPT).toMatch(/ONLY a JSON object/);
  });

  it("reads JSON in a fence and JSON after prose, one signal per category at 15 or more", () => {
    const fenced =
      '```json\n{"nsfw": 92, "hate": 0, "violence": 14, "spam": 15, "pii": 3, "malicious_link": 0}\n```';
    expect(confidences(fenced)).toEqual({ nsfw: 92, spam: 15 });
    const signals = parseVisionAnswer(fenced);
    expect(signals[0]).toMatchObject({ layer: "ai", category: "nsfw", model: VISION_MODEL });
    expect(signals[0]?.detail).toContain(VISION_MODEL);

    const prose =
      'Here is my assessment of the image {as requested}: {"nsfw": 0, "pii": 70, "note": "a passport {page}"} Hope this helps.';
    expect(confidences(prose)).toEqual({ pii: 70 });
  });

  it("accepts numbers written as strings and clamps out-of-range ones", () => {
    expect(confidences('{"nsfw": "85", "violence": "40%", "spam": " 20 "}')).toEqual({
      nsfw: 85,
      violence: 40,
      spam: 20,
    });
    expect(confidences('{"nsfw": 250, "hate": -30, "malicious_link": 61.6}')).toEqual({
      nsfw: 100,
      malicious_link: 62,
    });
    // a model that answered on a 0–1 scale despite the prompt
    expect(confidences('{"nsfw": 0.93, "hate": 0, "spam": 0.2}')).toEqual({ nsfw: 93, spam: 20 });
  });

  it("an all-clear answer gives no signal", () => {
    expect(
      parseVisionAnswer('{"nsfw":0,"hate":0,"violence":0,"spam":0,"pii":0,"malicious_link":0}'),
    ).toEqual([]);
  });

  it("an answer it cannot read goes to a person, never to allow", () => {
    for (const garbage of [
      "",
      "I cannot help with that.",
      "{not json at all}",
      '{"nsfw": "high"}',
      '{"description": "a person smiling"}',
      '{"nsfw": 90',
      `${" ".repeat(5000)}{"nsfw": 95}`, // beyond the first 4 kB
    ]) {
      const signals = parseVisionAnswer(garbage);
      expect(signals, garbage.slice(0, 40)).toEqual([
        expect.objectContaining({
          layer: "ai",
          category: "nsfw",
          confidence: 65,
          model: VISION_MODEL,
        }),
      ]);
      expect(signals[0]?.detail.toLowerCase()).toContain(
        "the vision model's answer could not be read",
      );
    }
  });
});
