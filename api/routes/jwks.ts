import { createRoute, z } from "@hono/zod-openapi";
import { publicJwks } from "../../server/auth/tokens";
import { createRouter } from "../lib/router";
import { jsonResponse } from "../lib/schemas";

const jwksSchema = z
  .object({
    keys: z.array(
      z.object({
        kty: z.string(),
        crv: z.string(),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.string(),
        use: z.string(),
      }),
    ),
  })
  .openapi("JWKS");

/**
 * The public keys that verify access tokens, as a plain JWK Set (RFC 7517) rather than the
 * API envelope: JOSE libraries in other services read this format directly.
 */
const jwksRoute = (path: string) =>
  createRoute({
    method: "get",
    path,
    tags: ["Authentication"],
    summary: "Public keys that verify access tokens (JWK Set, not enveloped)",
    responses: { 200: jsonResponse(jwksSchema, "JWK Set") },
  });

export const jwksRoutes = createRouter().openapi(jwksRoute("/jwks"), async (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(await publicJwks(c.env), 200);
});

/** The same set at the well-known path, outside `/api`. */
export const wellKnownRoutes = createRouter().get("/.well-known/jwks.json", async (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(await publicJwks(c.env), 200);
});
