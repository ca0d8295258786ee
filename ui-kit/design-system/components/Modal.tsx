import { Dialog } from "@kobalte/core/dialog";
import { createComputed, type JSX, on, onCleanup, Show } from "solid-js";
import { Icon } from "../icons/Icon";
import "./modal.css";
import { PortalMountProvider } from "./portal-mount";

export interface ModalProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children?: JSX.Element;
  /** Buttons shown at the bottom, usually a cancel and a confirm action. */
  footer?: JSX.Element;
  /** What takes focus on opening (e.g. the field to fill in); else the first control. */
  initialFocus?: () => HTMLElement | undefined;
}

/** A modal dialog: traps focus, closes on Escape, returns focus to the opener. */
export function Modal(props: ModalProps) {
  // Kobalte returns focus to a Dialog.Trigger; these modals are opened from ordinary
  // buttons (or mounted already open), so remember what had focus and go back to it.
  let opener: HTMLElement | null = null;
  const restoreFocus = () => {
    const target = opener;
    opener = null;
    if (target?.isConnected) queueMicrotask(() => target.focus());
  };
  // a computation, not an effect: it must run before the dialog mounts and moves focus
  createComputed(
    on(
      () => props.open,
      (open) => {
        if (open)
          opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        else restoreFocus();
      },
    ),
  );
  onCleanup(restoreFocus);
  let content: HTMLElement | undefined;

  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="ds-modal__overlay" />
        <div class="ds-modal__positioner">
          <Dialog.Content
            ref={content}
            class="ds-modal"
            onOpenAutoFocus={(event) => {
              const target = props.initialFocus?.();
              if (!target) return;
              event.preventDefault();
              target.focus();
            }}
          >
            <header class="ds-modal__header">
              <Dialog.Title class="ds-modal__title">{props.title}</Dialog.Title>
              <Dialog.CloseButton class="ds-button ds-button--ghost ds-button--icon ds-button--sm">
                <Icon name="close" size={16} />
                <span class="ds-visually-hidden">Close</span>
              </Dialog.CloseButton>
            </header>
            <Show when={props.description}>
              <Dialog.Description class="ds-modal__description">
                {props.description}
              </Dialog.Description>
            </Show>
            <div class="ds-modal__body">
              <PortalMountProvider value={() => content}>{props.children}</PortalMountProvider>
            </div>
            <Show when={props.footer}>
              <footer class="ds-modal__footer">{props.footer}</footer>
            </Show>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
