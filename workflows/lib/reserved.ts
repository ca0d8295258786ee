import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import type { Env } from "../../server/env";
import { setRunStatus } from "../../server/ops/workflow-runs";

/**
 * The binding for a flow whose issue has not landed yet. It is deployable, listable and
 * runnable so operators and tests see the whole set of flows, and an instance of it says
 * plainly that it did no work rather than pretending to.
 */
export abstract class ReservedWorkflow extends WorkflowEntrypoint<Env, Record<string, unknown>> {
  protected abstract readonly flow: string;
  protected abstract readonly arrivesWith: string;

  override async run(event: Readonly<WorkflowEvent<Record<string, unknown>>>, step: WorkflowStep) {
    return step.do("record reserved run", async () => {
      await setRunStatus(this.env, event.instanceId, "complete", null, Date.now());
      return { flow: this.flow, performed: false, arrives_with: this.arrivesWith };
    });
  }
}
