import { ReservedWorkflow } from "./lib/reserved";

export class DunningWorkflow extends ReservedWorkflow {
  protected readonly flow = "dunning";
  protected readonly arrivesWith = "the billing issue (#6)";
}
