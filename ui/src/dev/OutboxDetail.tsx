import { Show } from "solid-js";
import type { OutboxEmail } from "~core/contract/outbox";
import { Badge, type BadgeTone } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { Tabs } from "~kit/design-system/components/Tabs";
import { formatDateTime } from "~kit/format";
import { previewDocument } from "./email-preview";

const STATUS: Record<OutboxEmail["status"], { label: string; tone: BadgeTone }> = {
  stored: { label: "Stored", tone: "info" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Failed", tone: "error" },
};

/**
 * One email: its facts, the HTML part in a sandboxed frame (no scripts, no same-origin
 * access; links open in a new tab outside the sandbox) and the plain-text part.
 */
export function OutboxDetail(props: { email: OutboxEmail }) {
  const status = () => STATUS[props.email.status];
  return (
    <Card title={props.email.subject} class="outbox-detail">
      <div class="ds-stack">
        <FactList
          facts={[
            { label: "To", value: props.email.to },
            { label: "Template", value: <span class="ds-mono">{props.email.template}</span> },
            { label: "Status", value: <Badge tone={status().tone}>{status().label}</Badge> },
            { label: "Stored", value: formatDateTime(props.email.created_at) },
          ]}
        />
        <Show when={props.email.error}>
          {(error) => <p class="ds-muted">Delivery error: {error()}</p>}
        </Show>
        <Tabs
          label="Email parts"
          items={[
            {
              value: "html",
              label: "HTML",
              content: () => (
                <iframe
                  class="outbox-frame"
                  title={`HTML part of “${props.email.subject}”`}
                  sandbox="allow-popups allow-popups-to-escape-sandbox"
                  referrerpolicy="no-referrer"
                  srcdoc={previewDocument(props.email.html)}
                />
              ),
            },
            {
              value: "text",
              label: "Plain text",
              content: () => (
                // a focusable region, so the keyboard can scroll a long text part
                <section class="outbox-text" aria-label="Plain-text part" tabindex="0">
                  <pre>{props.email.text}</pre>
                </section>
              ),
            },
          ]}
        />
      </div>
    </Card>
  );
}
