import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { HealthPanel } from "../dashboard/HealthPanel";
import { ADMIN_APP_NAME } from "../layout/admin-nav";

export default function DashboardPage() {
  usePageTitle(() => "Dashboard", ADMIN_APP_NAME);
  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <h1>Dashboard</h1>
      </header>
      <HealthPanel />
    </div>
  );
}
