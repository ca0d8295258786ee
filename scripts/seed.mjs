// `npm run db:seed`: migrates and seeds the local database (both idempotent).
import { prepareLocalStack } from "./lib/local-stack.mjs";

await prepareLocalStack();
console.log("Local database migrated and seeded.");
