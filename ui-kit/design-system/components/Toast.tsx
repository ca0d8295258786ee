import { Toast, toaster } from "@kobalte/core/toast";
import { Show } from "solid-js";
import { Portal } from "solid-js/web";
import { Icon } from "../icons/Icon";
import type { AlertTone } from "./Alert";
import "./toast.css";

export interface ToastOptions {
  title: string;
  description?: string;
  tone?: AlertTone;
  /** Errors stay until dismissed so nobody misses them; others leave after 5 s. */
  persistent?: boolean;
}

/** Shows a toast; returns its id so it can be dismissed early with `dismissToast`. */
export function showToast(options: ToastOptions): number {
  const tone = options.tone ?? "info";
  return toaster.show((props) => (
    <Toast
      toastId={props.toastId}
      class={`ds-toast ds-toast--${tone}`}
      persistent={options.persistent ?? tone === "error"}
      priority={tone === "error" ? "high" : "low"}
    >
      <div class="ds-toast__content">
        <Toast.Title class="ds-toast__title">{options.title}</Toast.Title>
        <Show when={options.description}>
          <Toast.Description class="ds-toast__description">{options.description}</Toast.Description>
        </Show>
      </div>
      <Toast.CloseButton class="ds-button ds-button--ghost ds-button--icon ds-button--sm">
        <Icon name="close" size={16} />
        <span class="ds-visually-hidden">Dismiss notification</span>
      </Toast.CloseButton>
    </Toast>
  ));
}

export function dismissToast(id: number): void {
  toaster.dismiss(id);
}

/**
 * Where toasts appear. Mount once per app (AppShell does); each toast is a polite live
 * region (assertive for errors) so screen readers announce it. F8 jumps to the region.
 */
export function ToastRegion() {
  return (
    <Portal>
      <Toast.Region class="ds-toast-region" duration={5000} limit={4}>
        <Toast.List class="ds-toast-list" />
      </Toast.Region>
    </Portal>
  );
}
