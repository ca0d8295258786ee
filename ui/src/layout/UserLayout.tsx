import type { RouteSectionProps } from "@solidjs/router";
import { Suspense } from "solid-js";
import { SkeletonText } from "~ds/components/Skeleton";
import { AppShell, type NavItem } from "~ds/layout/AppShell";
import { SiteFooter } from "./SiteFooter";

export const APP_NAME = "Resume Builder";

// Only destinations that exist: landing sections and the API reference the Worker serves.
const NAV: NavItem[] = [
  { href: "/#features", label: "Features", native: true },
  { href: "/#pricing", label: "Pricing", native: true },
  { href: "/api/docs", label: "API reference", native: true },
];

export function UserLayout(props: RouteSectionProps) {
  return (
    <AppShell
      brand={APP_NAME}
      brandHref="/"
      navLabel="Main"
      nav={NAV}
      footer={<SiteFooter nav={NAV} />}
    >
      <Suspense
        fallback={
          <div class="ds-container">
            <SkeletonText lines={4} label="Loading page…" />
          </div>
        }
      >
        {props.children}
      </Suspense>
    </AppShell>
  );
}
