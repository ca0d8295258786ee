import type { ShareLink } from "~core/contract/resumes";
import type { SharePublicationState } from "~core/moderation/model";
import { Badge, type BadgeTone } from "~kit/design-system/components/Badge";

const LABELS: Record<SharePublicationState, { tone: BadgeTone; label: string; detail: string }> = {
  checking: {
    tone: "info",
    label: "Checking",
    detail: "The page goes public as soon as the content check passes, usually in seconds.",
  },
  live: { tone: "success", label: "Live", detail: "Visitors see the resume as last checked." },
  withheld: {
    tone: "warning",
    label: "In review",
    detail: "A moderator is looking at it; the page is offline until then. We'll email you.",
  },
  taken_down: {
    tone: "error",
    label: "Taken down",
    detail:
      "It broke the content rules (we emailed you why). Edit the resume and save: the new content is checked again.",
  },
};

/** Where the public page stands after content moderation (README "Content moderation"). */
export function PublicationStatus(props: { publication: ShareLink["publication"] }) {
  const entry = () => LABELS[props.publication.state];
  return (
    <p role="status" class="ds-cluster">
      <Badge tone={entry().tone}>{entry().label}</Badge>
      <span class="ds-muted">
        {entry().detail}
        {props.publication.changes_pending && props.publication.state === "live"
          ? " Your latest changes are being checked; the page shows the earlier version until then."
          : ""}
      </span>
    </p>
  );
}
