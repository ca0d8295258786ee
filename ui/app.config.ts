import { fileURLToPath } from "node:url";
import { defineConfig } from "@solidjs/start/config";

const fromHere = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// The user app, served at "/". A static SPA (ssr: false): the Worker serves the files and
// returns index.html for client-side routes.
export default defineConfig({
  ssr: false,
  server: {
    preset: "static",
    // Cloudflare static assets do not use precompressed .gz/.br files; skip writing them
    compressPublicAssets: false,
  },
  vite: {
    resolve: {
      alias: {
        // the shared frontend package (design system, API client, forms, …) of both apps
        "~kit": fromHere("../ui-kit"),
        "~core": fromHere("../core"),
      },
    },
    server: { fs: { allow: [fromHere("..")] } },
  },
});
