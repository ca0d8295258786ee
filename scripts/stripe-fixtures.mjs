#!/usr/bin/env node
// Copies the Stripe objects billing reads out of Stripe's published fixtures
// (stripe/openapi `openapi/fixtures3.json`) into tests/fixtures/stripe/, one file a resource,
// verbatim. Run it when the pinned API version moves (README "Stripe API version"):
//   node scripts/stripe-fixtures.mjs <path to fixtures3.json> <stripe/openapi commit> <release tag>
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const RESOURCES = [
  "charge",
  "checkout.session",
  "customer",
  "dispute",
  "event",
  "invoice",
  "invoice_payment",
  "payment_intent",
  "payment_method",
  "setup_intent",
  "subscription",
  "subscription_schedule",
];

const [source, commit, release] = process.argv.slice(2);
if (!source || !commit || !release) {
  console.error(
    "usage: node scripts/stripe-fixtures.mjs <fixtures3.json> <stripe/openapi commit> <release tag>",
  );
  process.exit(2);
}
const { resources } = JSON.parse(readFileSync(source, "utf8"));
const target = fileURLToPath(new URL("../tests/fixtures/stripe/", import.meta.url));
for (const name of RESOURCES) {
  if (!resources[name]) throw new Error(`${source} has no ${name} fixture`);
  writeFileSync(`${target}${name}.json`, `${JSON.stringify(resources[name], null, 2)}\n`);
}
writeFileSync(
  `${target}source.json`,
  `${JSON.stringify({ repository: "stripe/openapi", path: "openapi/fixtures3.json", commit, release, resources: RESOURCES }, null, 2)}\n`,
);
console.log(`wrote ${RESOURCES.length} fixtures from stripe/openapi@${commit.slice(0, 8)}`);
