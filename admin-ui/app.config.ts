import { fileURLToPath } from "node:url";
import { defineConfig } from "@solidjs/start/config";

const fromHere = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// The operator app, served under /admin by the same Worker. `server.baseURL` makes every
// built URL start with /admin (files still land at the output root; the build script
// moves them to dist/public/admin), and the router gets the same base in app.tsx.
export default defineConfig({
  ssr: false,
  server: {
    preset: "static",
    baseURL: "/admin",
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
