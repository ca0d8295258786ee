/** Vite's `?inline` asset imports: the file as a data: URL (tests/worker/fixture-images.ts). */
declare module "*?inline" {
  const dataUrl: string;
  export default dataUrl;
}
