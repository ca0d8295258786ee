import { type RouteSectionProps, useMatch } from "@solidjs/router";
import { onMount, Suspense } from "solid-js";
import { api, loadSession, stepUpPrompt } from "~/auth/session";
import { BillingBanner } from "~/billing/BillingBanner";
import { ImpersonationBanner } from "~/impersonation/ImpersonationBanner";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { AppShell, type NavItem } from "~kit/design-system/layout/AppShell";
import { StepUpDialog } from "~kit/step-up/StepUpDialog";
import { AccountMenu } from "./AccountMenu";
import { SiteFooter } from "./SiteFooter";

export const APP_NAME = "Resume Builder";

// Only destinations that exist: landing sections and the API reference the Worker serves.
const NAV: NavItem[] = [
  { href: "/dashboard", label: "My resumes" },
  { href: "/#features", label: "Features", native: true },
  { href: "/pricing", label: "Pricing" },
  { href: "/api/docs", label: "API reference", native: true },
];

export function UserLayout(props: RouteSectionProps) {
  // who is signed in, for the header (pages that need an account wait for it themselves)
  onMount(() => void loadSession());
  // the editor is a focused workspace (README "Editing resumes"): no site navigation or footer,
  // and the logo leads back to the dashboard; its width is set in ui/src/resumes/editor/editor.css
  const inEditor = useMatch(() => "/resumes/:id");
  return (
    <AppShell
      brand={APP_NAME}
      brandHref={inEditor() ? "/dashboard" : "/"}
      navLabel="Main"
      nav={inEditor() ? [] : NAV}
      actions={<AccountMenu />}
      footer={inEditor() ? undefined : <SiteFooter nav={NAV} />}
    >
      <ImpersonationBanner />
      <BillingBanner />
      <Suspense
        fallback={
          <div class="ds-container">
            <SkeletonText lines={4} label="Loading page…" />
          </div>
        }
      >
        {props.children}
      </Suspense>
      <StepUpDialog controller={stepUpPrompt} api={api} setupHref="/account/security" />
    </AppShell>
  );
}
