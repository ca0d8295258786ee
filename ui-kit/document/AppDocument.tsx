import type { DocumentComponentProps, PageEvent } from "@solidjs/start/server";
import { getRequestEvent } from "solid-js/web";
import { START_MANIFEST_ID } from "./start-manifest";

export interface DocumentOptions {
  title: string;
  description: string;
  /** e.g. "noindex, nofollow" for the operator app. */
  robots?: string;
}

/**
 * The HTML document of both apps, prerendered once at build time (ssr: false).
 *
 * It replaces SolidStart's default `scripts`, which include an inline
 * `<script>window.manifest = …</script>` that the CSP (`script-src 'self'`) blocks. The
 * manifest goes into a non-executable JSON block instead (CSP does not apply to data
 * blocks) and the client entry installs it before mounting. The theme is applied by an
 * external blocking script in <head> for the same reason.
 */
export function createDocument(options: DocumentOptions) {
  return function Document(props: DocumentComponentProps) {
    const event = getRequestEvent() as PageEvent;
    const client = import.meta.env.MANIFEST.client;
    const entry = client?.inputs[client.handler]?.output.path;
    // "<" escaped so no manifest string can close the script element early
    const manifestJson = JSON.stringify(event.manifest ?? {}).replace(/</g, "\\u003c");
    return (
      <html lang="en" dir="ltr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="description" content={options.description} />
          <meta name="color-scheme" content="light dark" />
          {options.robots && <meta name="robots" content={options.robots} />}
          <title>{options.title}</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <script src="/theme-init.js" />
          {props.assets}
        </head>
        <body>
          <div id="app">{props.children}</div>
          <script type="application/json" id={START_MANIFEST_ID} innerHTML={manifestJson} />
          <script type="module" src={entry} />
        </body>
      </html>
    );
  };
}
