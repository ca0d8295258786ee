import { A } from "@solidjs/router";
import { buttonClass } from "~kit/design-system/components/Button";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { ADMIN_APP_NAME } from "../layout/admin-nav";

export default function AdminNotFoundPage() {
  usePageTitle(() => "Page not found", ADMIN_APP_NAME);
  return (
    <div class="ds-container ds-stack">
      <h1>Page not found</h1>
      <p class="ds-muted">This admin page does not exist.</p>
      <p>
        <A href="/" class={buttonClass("primary")}>
          Go to the dashboard
        </A>
      </p>
    </div>
  );
}
