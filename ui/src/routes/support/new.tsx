import { A } from "@solidjs/router";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { APP_NAME } from "~/layout/UserLayout";
import { NewTicketForm } from "~/support/NewTicketForm";
import { Card } from "~kit/design-system/components/Card";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";

/** Opening a support ticket (README "Support"). */
export default function NewTicketPage() {
  usePageTitle(() => "New ticket", APP_NAME);
  return (
    <RequireSignIn>
      {() => (
        <div class="ds-container ds-stack">
          <header class="ds-page-header">
            <div>
              <h1>New ticket</h1>
              <p class="ds-muted">Support answers within a day; you get an email when they do.</p>
            </div>
            <A href="/support">Your tickets</A>
          </header>
          <Card>
            <NewTicketForm />
          </Card>
        </div>
      )}
    </RequireSignIn>
  );
}
