import { createSignal, type JSX, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button, type ButtonVariant } from "~kit/design-system/components/Button";
import { Modal } from "~kit/design-system/components/Modal";
import { describeError } from "~kit/forms/describe-error";

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: ButtonVariant;
  /** Runs on confirm; a throw keeps the dialog open with the server's words. */
  onConfirm: () => Promise<void>;
}

/** A yes/no question before a billing change; the answer's error stays in the dialog. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const close = (open: boolean) => {
    if (busy()) return;
    if (!open) setError(null);
    props.onOpenChange(open);
  };

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      setBusy(false);
      props.onOpenChange(false);
    } catch (cause) {
      setBusy(false);
      setError(describeError(cause));
    }
  }

  return (
    <Modal
      open={props.open}
      onOpenChange={close}
      title={props.title}
      footer={
        <>
          <Button variant="ghost" disabled={busy()} onClick={() => close(false)}>
            {props.cancelLabel ?? "Not now"}
          </Button>
          <Button variant={props.tone ?? "primary"} loading={busy()} onClick={() => void confirm()}>
            {props.confirmLabel}
          </Button>
        </>
      }
    >
      {props.children}
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
    </Modal>
  );
}
