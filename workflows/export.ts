import { ReservedWorkflow } from "./lib/reserved";

export class ExportWorkflow extends ReservedWorkflow {
  protected readonly flow = "export";
  protected readonly arrivesWith = "the export pipeline issue (#5)";
}
