import type { JSX } from "solid-js";
import { APP_NAME } from "~/layout/UserLayout";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import "./legal.css";

/** Where people write to us: the address the privacy notice and the contact page name. */
export const PRIVACY_EMAIL = "privacy@resume-builder.example";
export const SUPPORT_EMAIL = "support@resume-builder.example";
export const LAST_UPDATED = "2026-12-07";

/** The frame of Terms, Privacy and Contact: a readable column with the date of the text. */
export function LegalPage(props: { title: string; children: JSX.Element; dated?: boolean }) {
  usePageTitle(() => props.title, APP_NAME);
  return (
    <article class="ds-container legal">
      <h1>{props.title}</h1>
      {props.dated === false ? null : <p class="ds-muted">Last updated {LAST_UPDATED}</p>}
      {props.children}
    </article>
  );
}
