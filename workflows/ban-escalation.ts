import { ReservedWorkflow } from "./lib/reserved";

export class BanEscalationWorkflow extends ReservedWorkflow {
  protected readonly flow = "ban-escalation";
  protected readonly arrivesWith = "the moderation issue";
}
