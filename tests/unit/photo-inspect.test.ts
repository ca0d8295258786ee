import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inspectPhoto } from "../../core/media/inspect-photo";
import { mediaKeyOf, PHOTO_LIMITS, PhotoRejected } from "../../core/media/photo-rules";
import { safeImage } from "../../core/templates/portrait";

/** The fixture images (tests/fixtures/images/README.md says how each was made). */
const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, "../fixtures/images", name)));

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const SECRETS = [
  "EXIF-SECRET-ARTIST",
  "XMP-SECRET-CREATOR",
  "IPTC-SECRET-KEYWORD",
  "COM-SECRET-COMMENT",
  "PNG-TEXT-SECRET",
  "LeakyCam",
  "Photoshop",
  "http://ns.adobe.com/xap",
];

function rejection(bytes: Uint8Array): PhotoRejected {
  try {
    inspectPhoto(bytes);
  } catch (error) {
    if (error instanceof PhotoRejected) return error;
    throw error;
  }
  throw new Error("accepted");
}

/** PNG chunk names in order. */
function pngChunks(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let at = 8; at < bytes.length; at += 12 + view.getUint32(at)) {
    names.push(latin1(bytes.subarray(at + 4, at + 8)));
  }
  return names;
}

/** WebP chunk names in order, and the VP8X flags byte. */
function webpChunks(bytes: Uint8Array): { names: string[]; flags: number; riffSize: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let at = 12; at < bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    names.push(latin1(bytes.subarray(at, at + 4)));
    at += 8 + size + (size & 1);
  }
  return { names, flags: bytes[20] ?? 0, riffSize: view.getUint32(4, true) };
}

describe("photo inspection and metadata stripping", () => {
  it("reads a JPEG's size, drops EXIF/XMP/IPTC/comments and keeps only the orientation", () => {
    const original = fixture("photo-exif.jpg");
    for (const secret of ["EXIF-SECRET-ARTIST", "XMP-SECRET-CREATOR", "COM-SECRET-COMMENT"]) {
      expect(latin1(original)).toContain(secret);
    }
    const photo = inspectPhoto(original);
    expect(photo).toMatchObject({ contentType: "image/jpeg", width: 96, height: 80 });
    for (const secret of SECRETS) expect(latin1(photo.bytes)).not.toContain(secret);
    // Rebuilt EXIF: Orientation 6 (rotate 90° clockwise) only, right after SOI.
    expect(Array.from(photo.bytes.subarray(0, 6))).toEqual([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x22]);
    expect(photo.bytes[2 + 4 + 6 + 8 + 2 + 9]).toBe(6);
    expect(photo.bytes.length).toBeLessThan(original.length);
    expect(Array.from(photo.bytes.subarray(-2))).toEqual([0xff, 0xd9]);
    // Stripping twice changes nothing more.
    expect(inspectPhoto(photo.bytes).bytes).toEqual(photo.bytes);
  });

  it("walks every scan of a progressive JPEG and drops bytes after its end", () => {
    const original = fixture("photo-progressive.jpg");
    const withTrailer = new Uint8Array([...original, ...new TextEncoder().encode("<script>")]);
    const photo = inspectPhoto(withTrailer);
    expect(photo).toMatchObject({ contentType: "image/jpeg", width: 96, height: 80 });
    for (const secret of SECRETS) expect(latin1(photo.bytes)).not.toContain(secret);
    expect(latin1(photo.bytes)).not.toContain("<script>");
    // No orientation in the original: no EXIF block at all.
    expect(latin1(photo.bytes)).not.toContain("Exif");
  });

  it("keeps a PNG's image chunks and drops tEXt, iTXt, eXIf and tIME", () => {
    const original = fixture("photo-text.png");
    expect(pngChunks(original)).toEqual(["IHDR", "tEXt", "tIME", "iTXt", "eXIf", "IDAT", "IEND"]);
    const photo = inspectPhoto(original);
    expect(photo).toMatchObject({ contentType: "image/png", width: 80, height: 64 });
    expect(pngChunks(photo.bytes)).toEqual(["IHDR", "IDAT", "IEND"]);
    for (const secret of SECRETS) expect(latin1(photo.bytes)).not.toContain(secret);
  });

  it("drops WebP EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size", () => {
    for (const [name, image] of [
      ["photo-exif.webp", "VP8 "],
      ["photo-lossless-exif.webp", "VP8L"],
    ] as const) {
      const original = fixture(name);
      expect(webpChunks(original).names).toEqual(["VP8X", image, "EXIF", "XMP "]);
      expect(webpChunks(original).flags & 0x0c).toBe(0x0c);
      const photo = inspectPhoto(original);
      expect(photo, name).toMatchObject({ contentType: "image/webp", width: 72, height: 72 });
      const stripped = webpChunks(photo.bytes);
      expect(stripped.names).toEqual(["VP8X", image]);
      expect(stripped.flags & 0x0c).toBe(0);
      expect(stripped.riffSize).toBe(photo.bytes.length - 8);
      for (const secret of SECRETS) expect(latin1(photo.bytes), name).not.toContain(secret);
    }
  });

  it("decides the format by the bytes: a renamed text file or a GIF is unsupported_image", () => {
    for (const bytes of [
      new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
      new TextEncoder().encode("GIF89a\u0040\u0000\u0040\u0000"),
      new Uint8Array(0),
    ]) {
      expect(rejection(bytes).problem).toBe("unsupported_image");
    }
  });

  it("answers truncated or corrupt files with invalid_image, never a crash", () => {
    for (const name of ["photo-exif.jpg", "photo-text.png", "photo-exif.webp"]) {
      const original = fixture(name);
      for (const cut of [13, 30, 60, Math.floor(original.length / 2), original.length - 3]) {
        expect(rejection(original.subarray(0, cut)).problem, `${name} cut at ${cut}`).toBe(
          "invalid_image",
        );
      }
    }
    // A PNG whose IHDR was altered fails its checksum.
    const png = fixture("photo-text.png").slice();
    png[19] = 0xff;
    expect(rejection(png).message).toMatch(/checksum/);
  });

  it("applies the pixel limits from the headers without decoding", () => {
    expect(rejection(fixture("too-small.png"))).toMatchObject({ problem: "image_dimensions" });
    const big = rejection(fixture("too-many-pixels.png"));
    expect(big.problem).toBe("image_dimensions");
    expect(big.message).toMatch(/megapixels/);
    expect(6000 * 6000).toBeGreaterThan(PHOTO_LIMITS.maxPixels);
    expect(6000).toBeLessThanOrEqual(PHOTO_LIMITS.maxSide);
  });

  it("refuses an animated WebP", () => {
    const original = fixture("photo-exif.webp").slice();
    original[20] = (original[20] as number) | 0x02;
    expect(rejection(original).problem).toBe("unsupported_image");
  });

  it("lets templates show an uploaded photo's path, and no other same-origin path", () => {
    const key = `${"a".repeat(64)}-${"0".repeat(32)}.jpg`;
    expect(mediaKeyOf(`/media/${key}`)).toBe(key);
    expect(safeImage(` /media/${key} `)).toBe(`/media/${key}`);
    for (const address of [
      "/api/profile",
      `/media/${key}?x=1`,
      `/media/${key.toUpperCase()}`,
      `/media/../api/${key}`,
      `//evil.example/media/${key}`,
      `/media/${"a".repeat(64)}.jpg`,
      "photo.png",
    ]) {
      expect(safeImage(address), address).toBeNull();
    }
  });

  it("never throws anything but PhotoRejected on damaged files (seeded random corruption)", () => {
    let seed = 0x2545f491;
    const random = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    for (const name of [
      "photo-exif.jpg",
      "photo-progressive.jpg",
      "photo-text.png",
      "photo-exif.webp",
      "photo-lossless-exif.webp",
    ]) {
      const original = fixture(name);
      for (let round = 0; round < 300; round++) {
        const damaged = original.slice();
        const flips = 1 + Math.floor(random() * 8);
        for (let i = 0; i < flips; i++) {
          damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
        }
        try {
          const photo = inspectPhoto(damaged);
          // Whatever is accepted is still the format it claims, with no marker left.
          expect(photo.bytes.length).toBeGreaterThan(0);
          for (const secret of ["EXIF-SECRET-ARTIST", "PNG-TEXT-SECRET"]) {
            expect(latin1(photo.bytes)).not.toContain(secret);
          }
        } catch (error) {
          expect(error, `${name} round ${round}`).toBeInstanceOf(PhotoRejected);
        }
      }
    }
  });
});
