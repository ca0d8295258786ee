import { For } from "solid-js";
import type { NavItem } from "~kit/design-system/layout/AppShell";
import "./site-footer.css";

export function SiteFooter(props: { nav: NavItem[] }) {
  return (
    <div class="ds-container site-footer">
      <div class="site-footer__about">
        <p class="site-footer__name">Resume Builder</p>
        <p class="ds-muted">
          Write, design and share your resume. Templates that applicant tracking systems read
          cleanly, with exports in every format recruiters ask for.
        </p>
      </div>
      <nav aria-label="Footer">
        <ul class="site-footer__links">
          <For each={props.nav}>
            {(item) => (
              <li>
                <a href={item.href} target="_self">
                  {item.label}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <p class="site-footer__legal ds-muted">
        © {new Date().getFullYear()} Resume Builder · <a href="/terms">Terms</a> ·{" "}
        <a href="/privacy">Privacy</a> · <a href="/contact">Contact</a>
      </p>
    </div>
  );
}
