import { createSignal, For, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, type ButtonVariant } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { showToast } from "~kit/design-system/components/Toast";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import {
  ACTIONS_ALLOWED_FROM,
  controlWorkflowRun,
  type RunAction,
  type WorkflowRun,
} from "../api/workflow-runs";
import { can } from "../auth/admin-session";

interface ActionSpec {
  action: RunAction;
  label: string;
  variant: ButtonVariant;
  /** Actions that cannot be undone ask first. */
  confirm?: { title: string; description: string; button: string };
}

const ACTIONS: ActionSpec[] = [
  { action: "pause", label: "Pause", variant: "outline" },
  { action: "resume", label: "Resume", variant: "outline" },
  {
    action: "restart",
    label: "Restart",
    variant: "outline",
    confirm: {
      title: "Restart this run?",
      description: "The workflow starts again from its first step and its job goes back to queued.",
      button: "Restart run",
    },
  },
  {
    action: "terminate",
    label: "Terminate",
    variant: "danger",
    confirm: {
      title: "Terminate this run?",
      description: "The workflow stops for good. It can only be run again by restarting it.",
      button: "Terminate run",
    },
  },
];

/** The operator controls a run's current status allows; the Worker checks again (409). */
export function RunActions(props: { run: WorkflowRun; onChanged: () => void }) {
  const [pending, setPending] = createSignal<RunAction | null>(null);
  const [confirming, setConfirming] = createSignal<ActionSpec | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  // acting on runs needs system.config; roles without it only read them
  const allowed = () =>
    can("system.config")
      ? ACTIONS.filter((spec) => ACTIONS_ALLOWED_FROM[spec.action].includes(props.run.status))
      : [];

  async function perform(spec: ActionSpec) {
    setConfirming(null);
    setPending(spec.action);
    setError(null);
    try {
      await controlWorkflowRun(adminApi, props.run.instance_id, spec.action);
      showToast({ title: `${spec.label}: done`, tone: "success" });
      props.onChanged();
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setPending(null);
    }
  }

  return (
    <Show when={allowed().length > 0}>
      <div class="ds-stack">
        <div class="ds-cluster">
          <For each={allowed()}>
            {(spec) => (
              <Button
                variant={spec.variant}
                size="sm"
                loading={pending() === spec.action}
                disabled={pending() !== null}
                onClick={() => (spec.confirm ? setConfirming(spec) : perform(spec))}
              >
                {spec.label}
              </Button>
            )}
          </For>
        </div>
        <Show when={error()}>
          {(message) => (
            <Alert tone="error" title="The action failed">
              {message()}
            </Alert>
          )}
        </Show>
        <Show when={confirming()}>
          {(spec) => (
            <Modal
              open
              onOpenChange={(open) => !open && setConfirming(null)}
              title={spec().confirm?.title ?? ""}
              description={spec().confirm?.description}
              footer={
                <>
                  <Button variant="outline" onClick={() => setConfirming(null)}>
                    Cancel
                  </Button>
                  <Button variant={spec().variant} onClick={() => perform(spec())}>
                    {spec().confirm?.button}
                  </Button>
                </>
              }
            />
          )}
        </Show>
      </div>
    </Show>
  );
}
