import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { type BanEscalationParams, banEscalationParamsSchema } from "../core/workflows/params";
import type { Env } from "../server/env";
import {
  ESCALATION_EVENT,
  evaluateEscalation,
  finishEscalation,
  handOverEscalation,
} from "../server/moderation/escalation";
import { setRunStatus } from "../server/ops/workflow-runs";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";

const RETRY = {
  retries: { limit: 5, delay: "5 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

/** The longest sleep between evaluations: a lost event costs at most a day. */
const MAX_SLEEP_SECONDS = 24 * 3600;
/** Rounds before the instance hands over to a fresh one (each round is two or three steps). */
const MAX_ROUNDS = 300;

/**
 * An account's ban escalation (README "Strikes and bans"), started by its first strike or an
 * admin's action: each round evaluates (ends suspensions that ran out, applies what new strikes
 * and admin actions call for — warning, suspension, ban, lift), then sleeps until the next
 * suspension ends or an event says there is something new. With nothing left to wait for, it
 * ends; the next request starts a new instance. Every step is idempotent in D1, so a replay or
 * a restart applies nothing twice.
 */
export class BanEscalationWorkflow extends WorkflowEntrypoint<Env, BanEscalationParams> {
  override async run(event: Readonly<WorkflowEvent<BanEscalationParams>>, rawStep: WorkflowStep) {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "ban-escalation", event, rawStep);
    const { userId } = parseParams(banEscalationParamsSchema, event.payload);
    const instanceId = event.instanceId;
    await step.do("mark running", () =>
      setRunStatus(this.env, instanceId, "running", null, Date.now()),
    );
    let rounds = 0;
    for (; rounds < MAX_ROUNDS; rounds++) {
      const state = await step.do(`evaluate ${rounds}`, RETRY, () =>
        evaluateEscalation(this.env, userId, Date.now()),
      );
      if (state.wakeInMs === null) {
        const ended = await step.do(`finish ${rounds}`, RETRY, () =>
          finishEscalation(this.env, userId, instanceId, Date.now()),
        );
        if (ended) break;
        continue;
      }
      const seconds = Math.min(MAX_SLEEP_SECONDS, Math.ceil(state.wakeInMs / 1000));
      try {
        await step.waitForEvent(`wait ${rounds}`, {
          type: ESCALATION_EVENT,
          timeout: `${seconds} seconds`,
        });
      } catch {
        // The deadline came: the next round lifts what ran out.
      }
    }
    if (rounds === MAX_ROUNDS) {
      await step.do("hand over", RETRY, () =>
        handOverEscalation(this.env, userId, instanceId, Date.now()),
      );
    }
    await step.do("mark complete", () =>
      setRunStatus(this.env, instanceId, "complete", null, Date.now()),
    );
    return { userId, rounds };
  }
}
