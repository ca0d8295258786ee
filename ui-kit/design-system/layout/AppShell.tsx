import { A, useLocation, useResolvedPath } from "@solidjs/router";
import { createEffect, createSignal, For, type JSX, on, Show } from "solid-js";
import { ToastRegion } from "../components/Toast";
import { Icon, type IconName } from "../icons/Icon";
import { ThemeSwitch } from "../theme/ThemeSwitch";
import { isCurrentNav } from "./nav-current";
import { SkipLink } from "./SkipLink";
import "./app-shell.css";

export interface NavItem {
  href: string;
  label: string;
  icon?: IconName;
  /** Match the path exactly (for the app's root entry). */
  end?: boolean;
  /**
   * Let the browser navigate instead of the app router: in-page #anchors (native
   * fragment navigation also moves keyboard focus) and pages outside this app.
   */
  native?: boolean;
}

export interface AppShellProps {
  /** Product or area name, shown next to the logo; also the home link's name. */
  brand: string;
  brandHref: string;
  /** Accessible name of the navigation landmark. */
  navLabel: string;
  /** May be empty (e.g. on a sign-in screen): then no navigation landmark is rendered. */
  nav: NavItem[];
  /** Extra header controls, e.g. a sign-out button. */
  actions?: JSX.Element;
  footer?: JSX.Element;
  children: JSX.Element;
}

export function AppShell(props: AppShellProps) {
  const [menuOpen, setMenuOpen] = createSignal(false);
  const location = useLocation();
  let main: HTMLElement | undefined;

  // After a client-side navigation, move focus to the new page (as a full load would) and
  // close the small-screen menu. The first run is the initial load: focus stays put.
  createEffect(
    on(
      () => location.pathname,
      () => {
        setMenuOpen(false);
        main?.focus({ preventScroll: true });
      },
      { defer: true },
    ),
  );

  return (
    <div class="ds-shell">
      <SkipLink target="main" />
      <header class="ds-shell__header">
        <div class="ds-container ds-shell__bar">
          <A href={props.brandHref} class="ds-shell__brand" end>
            <span class="ds-shell__logo" aria-hidden="true">
              <Icon name="file-text" size={18} />
            </span>
            <span class="ds-shell__brand-text">{props.brand}</span>
          </A>
          <Show when={props.nav.length > 0}>
            <button
              type="button"
              class="ds-button ds-button--ghost ds-button--icon ds-shell__menu-button"
              aria-expanded={menuOpen()}
              aria-controls="ds-shell-nav"
              onClick={() => setMenuOpen(!menuOpen())}
            >
              <Icon name={menuOpen() ? "close" : "menu"} />
              <span class="ds-visually-hidden">Menu</span>
            </button>
            <nav
              id="ds-shell-nav"
              class="ds-shell__nav"
              classList={{ "is-open": menuOpen() }}
              aria-label={props.navLabel}
            >
              <ul class="ds-shell__nav-list">
                <For each={props.nav}>{(item) => <NavLink item={item} nav={props.nav} />}</For>
              </ul>
            </nav>
          </Show>
          <div class="ds-shell__tools">
            <Show when={props.actions}>{props.actions}</Show>
            <ThemeSwitch />
          </div>
        </div>
      </header>
      <main id="main" class="ds-shell__main" tabindex="-1" ref={(el) => (main = el)}>
        {props.children}
      </main>
      <Show when={props.footer}>
        <footer class="ds-shell__footer">{props.footer}</footer>
      </Show>
      <ToastRegion />
    </div>
  );
}

function NavLink(props: { item: NavItem; nav: NavItem[] }) {
  const location = useLocation();
  const href = useResolvedPath(() => props.item.href);
  const others = props.nav.map((item) => useResolvedPath(() => item.href));
  // Computed here rather than by <A>: <A> treats "/admin/" (how the admin app's root is
  // served) and "/admin" as different paths, so the dashboard entry never looked current.
  const current = () => {
    const target = href();
    if (props.item.native || target === undefined) return false;
    const paths = others.map((path) => path()).filter((path) => path !== undefined);
    return isCurrentNav(location.pathname, { path: target, end: props.item.end }, paths);
  };
  return (
    <li>
      {/* solid-router handles clicks on plain anchors inside its base; one with a target
          (native entries) is left to the browser */}
      <a
        href={props.item.native ? props.item.href : (href() ?? props.item.href)}
        target={props.item.native ? "_self" : undefined}
        class="ds-shell__nav-link"
        classList={{ "is-active": current() }}
        aria-current={current() ? "page" : undefined}
      >
        <Show when={props.item.icon}>{(icon) => <Icon name={icon()} size={18} />}</Show>
        <span>{props.item.label}</span>
      </a>
    </li>
  );
}
