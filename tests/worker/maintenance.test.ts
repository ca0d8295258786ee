import { createScheduledController, env } from "cloudflare:test";
import { expect, it } from "vitest";
import worker from "../../worker";
import { countRows } from "./helpers";

it("the daily maintenance cron prunes sign-in attempts older than 30 days", async () => {
  const now = Date.UTC(2026, 10, 25, 3, 0, 0);
  const day = 86_400_000;
  for (const [email, at] of [
    ["old@example.test", now - 31 * day],
    ["older@example.test", now - 90 * day],
    ["recent@example.test", now - 29 * day],
    ["today@example.test", now - 60_000],
  ] as const) {
    await env.DB.prepare(
      "INSERT INTO login_attempts (email, ip, succeeded, at) VALUES (?, '192.0.2.1', 0, ?)",
    )
      .bind(email, at)
      .run();
  }
  await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "0 3 * * *" }), env);
  const { results } = await env.DB.prepare("SELECT email FROM login_attempts ORDER BY at").all<{
    email: string;
  }>();
  expect(results.map((row) => row.email)).toEqual(["recent@example.test", "today@example.test"]);
  expect(await countRows("SELECT count(*) AS n FROM login_attempts")).toBe(2);
});
