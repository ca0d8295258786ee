import { A } from "@solidjs/router";
import { APP_NAME } from "~/layout/UserLayout";
import { buttonClass } from "~kit/design-system/components/Button";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";

export default function NotFoundPage() {
  usePageTitle(() => "Page not found", APP_NAME);
  return (
    <div class="ds-container ds-stack">
      <h1>Page not found</h1>
      <p class="ds-muted">There is nothing at this address. It may have moved.</p>
      <p>
        <A href="/" class={buttonClass("primary")}>
          Go to the home page
        </A>
      </p>
    </div>
  );
}
