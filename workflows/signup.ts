import { ReservedWorkflow } from "./lib/reserved";

export class SignupWorkflow extends ReservedWorkflow {
  protected readonly flow = "signup";
  protected readonly arrivesWith = "the accounts issue (#3)";
}
