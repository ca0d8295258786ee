/**
 * The image fixtures (tests/fixtures/images/README.md) as bytes inside workerd, which has
 * no file system: Vite inlines each file as a data: URL at build time.
 */
import jpegExif from "../fixtures/images/photo-exif.jpg?inline";
import webpExif from "../fixtures/images/photo-exif.webp?inline";
import webpLossless from "../fixtures/images/photo-lossless-exif.webp?inline";
import jpegProgressive from "../fixtures/images/photo-progressive.jpg?inline";
import pngText from "../fixtures/images/photo-text.png?inline";
import pngTooManyPixels from "../fixtures/images/too-many-pixels.png?inline";
import pngTooSmall from "../fixtures/images/too-small.png?inline";

const bytesOf = (dataUrl: string) =>
  Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));

export const IMAGES = {
  jpegExif: bytesOf(jpegExif),
  jpegProgressive: bytesOf(jpegProgressive),
  pngText: bytesOf(pngText),
  webpExif: bytesOf(webpExif),
  webpLossless: bytesOf(webpLossless),
  pngTooManyPixels: bytesOf(pngTooManyPixels),
  pngTooSmall: bytesOf(pngTooSmall),
};
