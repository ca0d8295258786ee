import { ReservedWorkflow } from "./lib/reserved";

export class ModerationWorkflow extends ReservedWorkflow {
  protected readonly flow = "moderation";
  protected readonly arrivesWith = "the moderation issue";
}
