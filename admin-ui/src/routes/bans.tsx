import { A, useSearchParams } from "@solidjs/router";
import { Card } from "~kit/design-system/components/Card";
import { Tabs } from "~kit/design-system/components/Tabs";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { AccountBansSection } from "../bans/AccountBansSection";
import { IpBansSection } from "../bans/IpBansSection";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import "../moderation/moderation.css";

const VIEWS = ["accounts", "addresses"] as const;

/**
 * Bans (README "Bans"): accounts' suspensions and bans, in force, ending soon or past, and
 * address bans. Linked accounts are banned together from an account's standing page.
 */
export default function BansPage() {
  usePageTitle(() => "Bans", ADMIN_APP_NAME);
  // the tab lives in the URL, so "Address bans" can be linked to and survives reloads
  const [search, setSearch] = useSearchParams<{ view?: string }>();
  const view = () => VIEWS.find((value) => value === search.view) ?? "accounts";

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Bans</h1>
          <p class="ds-muted">
            Suspensions end by themselves; bans last until lifted. An account's own page lists the
            accounts linked to it and bans them together.
          </p>
        </div>
        <A href="/moderation/appeals">Appeals</A>
      </header>
      <Card>
        <Tabs
          label="Bans"
          value={view()}
          onChange={(value) => setSearch({ view: value === "accounts" ? undefined : value })}
          items={[
            { value: "accounts", label: "Accounts", content: () => <AccountBansSection /> },
            { value: "addresses", label: "Addresses", content: () => <IpBansSection /> },
          ]}
        />
      </Card>
    </div>
  );
}
