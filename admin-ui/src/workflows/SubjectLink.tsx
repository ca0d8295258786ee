import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { WorkflowRun } from "../api/workflow-runs";

/** What a run is about, in words, linked to its page in the admin app when it has one. */
export function SubjectLink(props: { run: Pick<WorkflowRun, "subject_label" | "subject_href"> }) {
  return (
    <Show when={props.run.subject_href} fallback={<span>{props.run.subject_label}</span>}>
      {(href) => <A href={href()}>{props.run.subject_label}</A>}
    </Show>
  );
}
