import { A, useParams } from "@solidjs/router";
import { createResource, type JSX, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Card } from "~kit/design-system/components/Card";
import { FactList } from "~kit/design-system/components/FactList";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { formatDateTime } from "~kit/format";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../../../api/admin-api";
import { type AdminUserDetail, getUser } from "../../../api/users";
import { AuditLogTable } from "../../../audit/AuditLogTable";
import { can, roleLabel } from "../../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../../layout/admin-nav";
import { USER_STATUS_LABELS, userStatusTone } from "../../../standing/labels";
import { AccountActions } from "../../../users/AccountActions";
import { PLAN_LABELS } from "../../../users/labels";
import {
  ExportsTable,
  ResumesTable,
  SanctionsSummary,
  SessionsTable,
  SignInsTable,
} from "../../../users/UserDetailTables";
import { UserNotes } from "../../../users/UserNotes";
import "../../../users/users.css";

const when = (iso: string | null, none = "Never") => (iso ? formatDateTime(iso) : none);

/** The billing admin's events page, narrowed to one payment customer, whatever their status. */
const billingEventsHref = (customerId: string) =>
  `/billing-events?${new URLSearchParams({ status: "all", customer: customerId })}`;

function Section(props: { title: string; children: JSX.Element }) {
  return (
    <Card>
      <section class="ds-stack" aria-label={props.title}>
        <h2>{props.title}</h2>
        {props.children}
      </section>
    </Card>
  );
}

function profileFacts(user: AdminUserDetail) {
  const profile = user.profile;
  return [
    { label: "User id", value: <span class="ds-mono users-id">{profile.id}</span> },
    {
      label: "Email",
      value: (
        <>
          {profile.email}{" "}
          <Badge tone={profile.email_verified ? "success" : "warning"}>
            {profile.email_verified ? "Verified" : "Not verified"}
          </Badge>
        </>
      ),
    },
    { label: "Role", value: roleLabel(profile.role) },
    { label: "Two-factor", value: profile.mfa_enabled ? "On" : "Off" },
    { label: "Signed up", value: when(profile.created_at) },
    { label: "Last signed in", value: when(profile.last_login_at) },
  ];
}

function billingFacts(user: AdminUserDetail) {
  const { profile, subscription } = user;
  const sub = subscription.subscription;
  return [
    { label: "Plan in force", value: PLAN_LABELS[profile.plan] },
    {
      label: "Plan picked at sign-up",
      value: profile.plan_intent ? PLAN_LABELS[profile.plan_intent] : "None pending",
    },
    { label: "Billing state", value: subscription.state },
    {
      label: "Customer id",
      value: <span class="ds-mono users-id">{profile.customer_id ?? "None yet"}</span>,
    },
    { label: "Subscription", value: sub ? `${sub.plan}, ${sub.status}` : "None" },
    {
      label: sub?.cancel_at_period_end ? "Ends" : "Renews",
      value: sub ? when(sub.current_period_end) : "—",
    },
  ];
}

/**
 * One account (README "Admin: users"): profile, billing, resumes, exports, devices, sign-ins,
 * standing, the audit trail about it and staff notes. Suspending, banning and lifting are on
 * the standing page; its link is in the standing section.
 */
export default function UserPage() {
  const params = useParams<{ id: string }>();
  const [user, { mutate, refetch }] = createResource(
    () => params.id,
    (id) => getUser(adminApi, id),
  );
  usePageTitle(() => user.latest?.profile.email ?? "User", ADMIN_APP_NAME);
  const standingHref = () => `/users/${encodeURIComponent(params.id)}/standing`;

  return (
    <div class="ds-container ds-stack">
      <p>
        <A href="/users">← Users</A>
      </p>
      <Show when={user.error}>{(error) => <LoadError what="This account" error={error()} />}</Show>
      <Show when={!user.error && !user.latest}>
        <SkeletonText lines={6} label="Loading the account…" />
      </Show>
      <Show when={!user.error && user.latest}>
        {(loaded) => (
          <>
            <header class="ds-page-header">
              <div>
                <h1>{loaded().profile.name || loaded().profile.email}</h1>
                <p>
                  <Badge tone={userStatusTone(loaded().profile.status)}>
                    {USER_STATUS_LABELS[loaded().profile.status]}
                  </Badge>{" "}
                  <span class="users-email">{loaded().profile.email}</span>
                </p>
              </div>
              <A href={standingHref()}>Standing and bans</A>
            </header>
            <Section title="Profile">
              <FactList facts={profileFacts(loaded())} />
            </Section>
            <AccountActions user={loaded().profile} onChanged={() => void refetch()} />
            <Section title="Plan and billing">
              <FactList facts={billingFacts(loaded())} />
              <Show when={can("payments.read") && loaded().profile.customer_id}>
                {(customerId) => (
                  <p>
                    <A href={billingEventsHref(customerId())}>This customer's billing events</A>
                  </p>
                )}
              </Show>
            </Section>
            <Section title="Standing">
              <p>
                {loaded().standing.active_strikes} active{" "}
                {loaded().standing.active_strikes === 1 ? "strike" : "strikes"} of{" "}
                {loaded().standing.strikes.length}. <A href={standingHref()}>Open the standing</A>{" "}
                to suspend, ban or lift.
              </p>
              <SanctionsSummary standing={loaded().standing} />
            </Section>
            <Section title="Notes">
              <UserNotes
                userId={params.id}
                notes={loaded().notes}
                canAdd={can("users.write")}
                onAdded={(note) =>
                  mutate((current) =>
                    current && !current.notes.some((n) => n.id === note.id)
                      ? { ...current, notes: [note, ...current.notes] }
                      : current,
                  )
                }
              />
            </Section>
            <Section title="Resumes">
              <ResumesTable
                userId={params.id}
                resumes={loaded().resumes}
                canRead={can("content.read")}
              />
            </Section>
            <Section title="Recent exports">
              <ExportsTable exports={loaded().exports} />
            </Section>
            <Section title="Signed-in devices">
              <SessionsTable sessions={loaded().sessions} />
            </Section>
            <Section title="Sign-in history">
              <SignInsTable signIns={loaded().sign_ins} />
            </Section>
            <Section title="Audit trail">
              <Show
                when={loaded().audit.length}
                fallback={<p class="ds-muted">No administrative action on this account.</p>}
              >
                <AuditLogTable entries={loaded().audit} />
              </Show>
            </Section>
          </>
        )}
      </Show>
    </div>
  );
}
