import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { type ModerationParams, moderationParamsSchema } from "../core/workflows/params";
import type { Env } from "../server/env";
import { latestHumanDecision } from "../server/moderation/cases";
import {
  aiLayer,
  type CaseDecision,
  decideCase,
  knownContentLayer,
  rulesLayer,
} from "../server/moderation/layers";
import {
  applyAutomatedDecision,
  applyModeratorDecision,
  escalateCase,
} from "../server/moderation/outcomes";
import { MODERATOR_DECISION_EVENT } from "../server/moderation/review";
import { setRunStatus } from "../server/ops/workflow-runs";
import { parseParams } from "./lib/params";
import { recordSteps } from "./lib/record-steps";

const RETRY = {
  retries: { limit: 5, delay: "5 seconds", backoff: "exponential" },
  timeout: "1 minute",
} as const;

/** After the deadline passed and operators were alerted, how long the case still waits. */
const ESCALATED_WAIT_HOURS = 14 * 24;

type Outcome =
  | { outcome: CaseDecision["outcome"]; decidedBy: "hash" | "automated" }
  | { outcome: "moderator"; escalated: boolean }
  | { outcome: "unanswered" };

/**
 * One moderation check (README "Content moderation"), started by publishing or reporting:
 * the known-content cache, the rules, the AI layer, then the decision — automatic above 90,
 * the review queue from 60, allowed below. A case in review waits for the moderator's event
 * until its deadline (24 h critical, 48 h standard), is escalated once, and waits again. Each
 * step reads the clock itself, so a replayed step records the same time.
 */
export class ModerationWorkflow extends WorkflowEntrypoint<Env, ModerationParams> {
  override async run(
    event: Readonly<WorkflowEvent<ModerationParams>>,
    rawStep: WorkflowStep,
  ): Promise<Outcome> {
    // Mirrors the step history to D1 for the operators' console (README "Workflow runs").
    const step = recordSteps(this.env, "moderation", event, rawStep);
    const { caseId } = parseParams(moderationParamsSchema, event.payload);
    await step.do("mark running", () =>
      setRunStatus(this.env, event.instanceId, "running", null, Date.now()),
    );
    const outcome = await this.flow(caseId, step);
    await step.do("mark complete", () =>
      setRunStatus(this.env, event.instanceId, "complete", null, Date.now()),
    );
    return outcome;
  }

  private async flow(caseId: string, step: WorkflowStep): Promise<Outcome> {
    const known = await step.do("known content", RETRY, () =>
      knownContentLayer(this.env, caseId, Date.now()),
    );
    const decision =
      known ??
      (await (async () => {
        const rules = await step.do("rules", RETRY, () => rulesLayer(this.env, caseId, Date.now()));
        const ai = await step.do("ai", RETRY, () => aiLayer(this.env, caseId, Date.now()));
        return step.do("decide", RETRY, () =>
          decideCase(this.env, caseId, [...rules, ...ai], Date.now()),
        );
      })());
    await step.do("act on the decision", RETRY, () =>
      applyAutomatedDecision(this.env, caseId, decision, Date.now()),
    );
    if (decision.outcome !== "review") {
      return { outcome: decision.outcome, decidedBy: known ? "hash" : "automated" };
    }

    const hours = decision.slaHours ?? 48;
    if (await this.waitForModerator(step, caseId, "wait for a moderator", hours)) {
      return this.actOnModerator(step, caseId, false);
    }
    await step.do("escalate", RETRY, () => escalateCase(this.env, caseId, Date.now()));
    if (
      await this.waitForModerator(
        step,
        caseId,
        "wait for a moderator after escalation",
        ESCALATED_WAIT_HOURS,
      )
    ) {
      return this.actOnModerator(step, caseId, true);
    }
    // Nobody decided in two weeks: the case stays escalated in the queue, and the decision,
    // whenever it comes, is carried out by the API itself.
    return { outcome: "unanswered" };
  }

  /** True once a moderator decided: the event ends the wait; D1 is asked on timeout too. */
  private async waitForModerator(
    step: WorkflowStep,
    caseId: string,
    name: string,
    hours: number,
  ): Promise<boolean> {
    try {
      await step.waitForEvent(name, {
        type: MODERATOR_DECISION_EVENT,
        timeout: `${hours} hours` as `${number} hours`,
      });
      return true;
    } catch {
      return step.do(`${name}: check D1`, RETRY, async () =>
        Boolean((await latestHumanDecision(this.env, caseId))?.verdict),
      );
    }
  }

  private async actOnModerator(
    step: WorkflowStep,
    caseId: string,
    escalated: boolean,
  ): Promise<Outcome> {
    await step.do("carry out the moderator's decision", RETRY, () =>
      applyModeratorDecision(this.env, caseId, Date.now()),
    );
    return { outcome: "moderator", escalated };
  }
}
