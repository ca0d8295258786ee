import { Button as KButton } from "@kobalte/core/button";
import { type JSX, Show, splitProps } from "solid-js";
import { Icon, type IconName } from "../icons/Icon";
import "./button.css";

export type ButtonVariant = "primary" | "secondary" | "outline" | "ghost" | "danger";
export type ButtonSize = "sm" | "md" | "lg";

/** Class list for anything that should look like a button (links included). */
export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md"): string {
  return `ds-button ds-button--${variant} ds-button--${size}`;
}

export interface ButtonProps extends JSX.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Leading icon; decorative, the button text names the action. */
  icon?: IconName;
  /** Shows a spinner, sets aria-busy and blocks further presses. */
  loading?: boolean;
}

export function Button(props: ButtonProps) {
  const [local, rest] = splitProps(props, [
    "variant",
    "size",
    "icon",
    "loading",
    "class",
    "children",
    "disabled",
    "type",
  ]);
  return (
    <KButton
      {...rest}
      type={local.type ?? "button"}
      class={`${buttonClass(local.variant, local.size)} ${local.class ?? ""}`}
      disabled={local.disabled || local.loading}
      aria-busy={local.loading ? "true" : undefined}
    >
      <Show when={local.loading} fallback={local.icon && <Icon name={local.icon} size={18} />}>
        <span class="ds-button__spinner" aria-hidden="true" />
      </Show>
      <span>{local.children}</span>
    </KButton>
  );
}

export interface IconButtonProps
  extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, "children"> {
  icon: IconName;
  /** Accessible name; icon-only buttons have no visible text. */
  label: string;
  variant?: Exclude<ButtonVariant, "primary" | "danger">;
  size?: ButtonSize;
}

export function IconButton(props: IconButtonProps) {
  const [local, rest] = splitProps(props, ["icon", "label", "variant", "size", "class", "type"]);
  return (
    <KButton
      {...rest}
      type={local.type ?? "button"}
      aria-label={local.label}
      title={local.label}
      class={`${buttonClass(local.variant ?? "ghost", local.size)} ds-button--icon ${local.class ?? ""}`}
    >
      <Icon name={local.icon} size={local.size === "sm" ? 16 : 20} />
    </KButton>
  );
}
