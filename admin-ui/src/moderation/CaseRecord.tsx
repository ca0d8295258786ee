import { createMemo, Show } from "solid-js";
import { Card } from "~kit/design-system/components/Card";
import type { ModerationCaseDetail } from "../api/moderation";
import { ResumePreview } from "../resumes/ResumePreview";
import { CasePhoto } from "./CasePhoto";
import { EvidenceList } from "./EvidenceList";
import { evidenceFields } from "./evidence-fields";
import { SUBJECT_LABELS } from "./labels";
import { SignalsList } from "./SignalsList";

/**
 * What a case holds, the same on the case page and an appeal's page: where the signals matched,
 * the content exactly as it was checked (the resume as published, or the photo), and every
 * layer's decision in order — the decision history.
 */
export function CaseRecord(props: { item: ModerationCaseDetail }) {
  const evidence = createMemo(() => evidenceFields(props.item.content, props.item.decisions));
  return (
    <>
      <Card title="Where the signals matched">
        <EvidenceList fields={evidence()} />
      </Card>
      <Card title="What was published">
        <Show
          when={props.item.content}
          fallback={
            <Show
              when={props.item.photo}
              fallback={<p class="ds-muted">No content was recorded with this case.</p>}
            >
              {(photo) => (
                <CasePhoto
                  caseId={props.item.id}
                  photo={photo()}
                  subjectLabel={SUBJECT_LABELS[props.item.subject_kind]}
                />
              )}
            </Show>
          }
        >
          {(content) => (
            <ResumePreview content={content()} title="The published resume, as visitors see it" />
          )}
        </Show>
      </Card>
      <Card title="Signals by layer">
        <SignalsList decisions={props.item.decisions} />
      </Card>
    </>
  );
}
