import type { RouteSectionProps } from "@solidjs/router";
import { Show, Suspense } from "solid-js";
import { Button } from "~ds/components/Button";
import { SkeletonText } from "~ds/components/Skeleton";
import { AppShell } from "~ds/layout/AppShell";
import { OperatorSignIn } from "../auth/OperatorSignIn";
import { operatorToken, signOutOperator } from "../auth/operator-session";
import { ADMIN_APP_NAME, ADMIN_NAV } from "./admin-nav";
import "./admin-layout.css";

/** Every admin page needs the operator token; without one the sign-in form shows instead. */
export function AdminLayout(props: RouteSectionProps) {
  return (
    <Show
      when={operatorToken()}
      fallback={
        <AppShell brand={ADMIN_APP_NAME} brandHref="/" navLabel="Admin" nav={[]}>
          <OperatorSignIn />
        </AppShell>
      }
    >
      <AppShell
        brand={ADMIN_APP_NAME}
        brandHref="/"
        navLabel="Admin"
        nav={ADMIN_NAV}
        actions={
          <Button
            variant="ghost"
            size="sm"
            icon="log-out"
            class="admin-sign-out"
            onClick={() => signOutOperator()}
          >
            Sign out
          </Button>
        }
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
    </Show>
  );
}
