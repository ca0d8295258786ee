// `npm run keys:generate [-- --rotate '<current JWT_PRIVATE_KEYS>']`
// Prints a JWT_PRIVATE_KEYS value: a new ES256 key first, followed by the current first key
// when rotating, so tokens signed before the rotation keep verifying until they expire.
// Put it in place with: npx wrangler secret put JWT_PRIVATE_KEYS --env production
import { parseArgs } from "node:util";
import { rotateKeys } from "./lib/signing-key.mjs";

const { values } = parseArgs({ options: { rotate: { type: "string" } } });
console.log(rotateKeys(values.rotate));
