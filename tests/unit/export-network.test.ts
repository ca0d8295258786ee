import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderResumeDocument } from "../../core/templates";
import full from "../fixtures/resumes/full.json";

// The PDF renderer must load nothing but the document. This runs the real renderer
// (server/exports/export-pdf.ts) inside workerd with Miniflare's BROWSER binding — the same
// Chromium the app uses — against a hostile resume whose image, stylesheet, CSS url(),
// font, frame and script all point at an HTTP listener on this machine. A workerd test
// cannot open a listening socket, so this one runs from Node, where it can. The control
// run prints the same HTML without interception and must reach the listener: that proves
// the listener is reachable from Chromium, so "received nothing" means "blocked".

const ROOT = path.resolve(import.meta.dirname, "../..");

const ENTRY = `
import puppeteer from "@cloudflare/puppeteer";
import { renderPdf } from "./server/exports/export-pdf";
export default {
  async fetch(request, env) {
    const html = await request.text();
    if (new URL(request.url).searchParams.get("mode") === "unprotected") {
      const browser = await puppeteer.launch(env.BROWSER);
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: "load", timeout: 60000 });
      await page.pdf();
      await browser.close();
      return Response.json({ blocked: [] });
    }
    const { pdf, blocked } = await renderPdf(env, html);
    return Response.json({ blocked, size: pdf.byteLength });
  },
};
`;

const hits: string[] = [];
const server = createServer((request: IncomingMessage, response) => {
  hits.push(request.url ?? "");
  response.writeHead(200, { "Content-Type": "image/png" }).end();
});
let miniflare: Miniflare;
let origin = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*"],
    write: false,
    logLevel: "silent",
  });
  miniflare = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: "2026-04-20",
    compatibilityFlags: ["nodejs_compat"],
    browserRendering: { binding: "BROWSER" },
  });
  await miniflare.ready;
}, 60_000);

afterAll(async () => {
  await miniflare?.dispose();
  server.close();
});

function hostileResume(): string {
  const html = renderResumeDocument({
    ...full,
    basics: { ...full.basics, image: `${origin}/photo.png` },
    meta: { ...full.meta, style: { template: "portrait" } },
  });
  const probes = [
    `<img src="${origin}/tracking-pixel.gif" alt="">`,
    `<link rel="stylesheet" href="${origin}/style.css">`,
    `<div style="background-image:url('${origin}/css-url.png');width:10px;height:10px"></div>`,
    `<style>@import url("${origin}/import.css");@font-face{font-family:x;src:url(${origin}/font.woff2)}body{font-family:x}</style>`,
    `<iframe src="${origin}/frame.html"></iframe>`,
    `<script src="${origin}/script.js"></script>`,
    `<object data="${origin}/object.svg"></object>`,
  ].join("\n");
  // Without the document's own CSP, so the request interception alone has to stop them.
  return html
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")
    .replace("</body>", `${probes}\n</body>`);
}

async function render(mode: "protected" | "unprotected", html: string) {
  const response = await miniflare.dispatchFetch(`http://localhost/?mode=${mode}`, {
    method: "POST",
    body: html,
  });
  expect(response.status, response.status === 200 ? "" : await response.clone().text()).toBe(200);
  return (await response.json()) as { blocked: string[]; size?: number };
}

describe("PDF renderer network isolation", () => {
  it("reaches the listener when nothing intercepts (the probe works)", async () => {
    hits.length = 0;
    await render("unprotected", hostileResume());
    await expect
      .poll(() => hits, { timeout: 10_000 })
      .toEqual(expect.arrayContaining(["/tracking-pixel.gif", "/style.css"]));
  }, 60_000);

  it("sends the listener nothing when the export renderer prints the same resume", async () => {
    hits.length = 0;
    const { blocked, size } = await render("protected", hostileResume());
    expect(size).toBeGreaterThan(1000);
    // A barrier instead of a wait: a page printed after this one, without interception,
    // requests a sentinel. Once the sentinel has arrived, so has anything the protected
    // page sent before it (a frame, a lazy image), so the listener's log is complete.
    await render("unprotected", `<img src="${origin}/sentinel.gif" alt="">`);
    await expect.poll(() => hits, { timeout: 10_000 }).toContain("/sentinel.gif");
    expect(hits).toEqual(["/sentinel.gif"]);
    // The photo never becomes a request: templates show only https or data: photos.
    expect([...blocked].sort()).toEqual(
      [
        "/css-url.png",
        "/font.woff2",
        "/frame.html",
        "/import.css",
        "/object.svg",
        "/script.js",
        "/style.css",
        "/tracking-pixel.gif",
      ].map((file) => `${origin}${file}`),
    );
  }, 60_000);
});
