import type { RouteSectionProps } from "@solidjs/router";
import { type JSX, Match, Suspense, Switch } from "solid-js";
import { Button } from "~kit/design-system/components/Button";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { AppShell } from "~kit/design-system/layout/AppShell";
import { StepUpDialog } from "~kit/step-up/StepUpDialog";
import { adminIdentity, can, roleLabel } from "../auth/admin-session";
import { signOutOperator } from "../auth/operator-session";
import { SignIn } from "../auth/SignIn";
import {
  loadStaffSession,
  signOutStaff,
  staffApi,
  staffSession,
  staffStepUp,
} from "../auth/staff-session";
import { ADMIN_APP_NAME, ADMIN_NAV, mayOpen } from "./admin-nav";
import "./admin-layout.css";
import { MFA_SETUP_PATH, TwoFactorBanner } from "./TwoFactorBanner";

function PageLoading(props: { label: string }) {
  return (
    <div class="ds-container">
      <SkeletonText lines={4} label={props.label} />
    </div>
  );
}

/** The signed-in person and the sign-out button, in the header. */
function SignedInAs(): JSX.Element {
  const identity = adminIdentity;
  const signOut = () => {
    if (identity()?.kind === "staff") void signOutStaff();
    else signOutOperator();
  };
  return (
    <div class="admin-identity">
      <span class="admin-identity__who">
        <Switch>
          <Match when={identity()?.kind === "operator"}>
            <span class="admin-identity__name">Operator</span>
            <span class="ds-muted">operator token</span>
          </Match>
          <Match
            when={(() => {
              const current = identity();
              return current?.kind === "staff" ? current : null;
            })()}
          >
            {(staff) => (
              <>
                <span class="admin-identity__name">{staff().name}</span>
                <span class="ds-muted">{roleLabel(staff().role)}</span>
              </>
            )}
          </Match>
        </Switch>
      </span>
      <Button variant="ghost" size="sm" icon="log-out" class="admin-sign-out" onClick={signOut}>
        Sign out
      </Button>
    </div>
  );
}

/**
 * Every admin page needs a staff session or the operator token; without either the sign-in
 * form shows instead. The navigation lists only what the role may see.
 */
export function AdminLayout(props: RouteSectionProps) {
  void loadStaffSession();
  const nav = () =>
    ADMIN_NAV.filter((item) => mayOpen(item, can)).map(
      ({ permission: _permission, ...item }) => item,
    );

  return (
    <Switch
      fallback={
        <AppShell brand={ADMIN_APP_NAME} brandHref="/" navLabel="Admin" nav={[]}>
          <SignIn />
        </AppShell>
      }
    >
      <Match when={adminIdentity()}>
        <AppShell
          brand={ADMIN_APP_NAME}
          brandHref="/"
          navLabel="Admin"
          nav={nav()}
          actions={<SignedInAs />}
        >
          <TwoFactorBanner />
          <Suspense fallback={<PageLoading label="Loading page…" />}>{props.children}</Suspense>
          <StepUpDialog controller={staffStepUp} api={staffApi} setupHref={MFA_SETUP_PATH} />
        </AppShell>
      </Match>
      <Match when={staffSession().status === "loading"}>
        <AppShell brand={ADMIN_APP_NAME} brandHref="/" navLabel="Admin" nav={[]}>
          <PageLoading label="Checking your session…" />
        </AppShell>
      </Match>
    </Switch>
  );
}
