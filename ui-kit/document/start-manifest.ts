/** Id of the JSON block that carries SolidStart's client manifest (see AppDocument.tsx). */
export const START_MANIFEST_ID = "start-manifest";

/**
 * Puts SolidStart's client manifest where its runtime looks for it (`window.manifest`),
 * reading the JSON block the document carries instead of an inline script (CSP). Must run
 * before mount; the runtime only reads the manifest when it loads a route.
 */
export function installStartManifest(): void {
  const block = document.getElementById(START_MANIFEST_ID);
  if (block?.textContent) window.manifest = JSON.parse(block.textContent);
}
