import { WRITING_MODEL_DEFAULTS, type WritingModelSettings } from "../../core/writing/model";
import type { Env } from "../env";
import { storedSection } from "./current";
import { overlay } from "./overlay";

/** Writing help's model and temperature in force: the `ai` section over the code's defaults. */
export async function writingModelSettings(
  env: Pick<Env, "CACHE" | "DB">,
): Promise<WritingModelSettings> {
  const { value } = await storedSection(env, "ai");
  return overlay({ writingHelp: WRITING_MODEL_DEFAULTS }, value).writingHelp;
}
