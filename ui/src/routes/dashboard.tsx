import { A } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { DeletionScheduledBanner } from "~/account/DeletionScheduledBanner";
import { planName } from "~/auth/plan-options";
import { RequireSignIn } from "~/auth/RequireSignIn";
import { api } from "~/auth/session";
import { VerifyEmailBanner } from "~/auth/VerifyEmailBanner";
import "~/dashboard/dashboard.css";
import { fetchProfile } from "~/api/profile";
import { APP_NAME } from "~/layout/UserLayout";
import { ResumeList } from "~/resumes/dashboard/ResumeList";
import type { User } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { buttonClass } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { Icon } from "~kit/design-system/icons/Icon";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";

const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { dateStyle: "long" });

export default function DashboardPage() {
  usePageTitle(() => "Dashboard", APP_NAME);
  return <RequireSignIn>{(user) => <Dashboard user={user()} />}</RequireSignIn>;
}

function Dashboard(props: { user: User }) {
  // only to offer the rest of onboarding; the dashboard works without it
  const [profile] = createResource(() => fetchProfile(api).catch(() => null));
  const onboardingPending = () => {
    // read only once loaded: reading a pending resource would suspend the whole page
    const step = profile.state === "ready" ? profile()?.profile.onboarding_step : undefined;
    return step !== undefined && step !== "done";
  };

  return (
    <div class="ds-container ds-stack dashboard">
      <header class="ds-page-header">
        <div>
          <h1>Hello, {props.user.name}</h1>
          <p class="ds-muted">Your resumes and account, in one place.</p>
        </div>
      </header>
      <DeletionScheduledBanner />
      <Show when={!props.user.email_verified}>
        <VerifyEmailBanner user={props.user} />
      </Show>
      <Show when={onboardingPending()}>
        <Alert
          tone="info"
          title="Finish setting up your account"
          action={
            <A href="/onboarding" class={buttonClass("outline", "sm")}>
              Continue
            </A>
          }
        >
          A couple of questions about you and your plan are left.
        </Alert>
      </Show>
      <div class="dashboard__grid">
        <Card class="dashboard__resumes">
          <ResumeList user={props.user} />
        </Card>
        <Card title="Account">
          <FactList
            facts={[
              { label: "Email", value: props.user.email },
              {
                label: "Email status",
                value: props.user.email_verified ? "Confirmed" : "Not confirmed yet",
              },
              { label: "Plan", value: planName(props.user.plan) },
              { label: "Member since", value: formatDate(props.user.created_at) },
            ]}
          />
          <ul class="dashboard__links">
            <li>
              <A href="/account/security">
                <Icon name="shield" size={18} />
                <span>Password and signed-in devices</span>
              </A>
            </li>
          </ul>
        </Card>
      </div>
    </div>
  );
}
