import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/**
 * A browsable API reference. Swagger UI's files are copied into the static assets at build
 * time (nothing loads from a CDN), and its start-up script is a file so the CSP needs no
 * inline script.
 */
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Resume Builder</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="API reference"></main>
<script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });`;

export const docsRoutes = new Hono<AppEnv>()
  .get("/", (c) => c.html(page))
  .get("/init.js", (c) => c.body(init, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
