import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { api } from "~/auth/session";
import type { Session } from "~core/contract/auth";
import { listSessions, revokeSession } from "~kit/api/auth";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { showToast } from "~kit/design-system/components/Toast";
import { Icon } from "~kit/design-system/icons/Icon";
import { formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { deviceLabel } from "./device-label";

const isPhone = (userAgent: string | null) =>
  /\b(Mobile|Android|iPhone|iPad)\b/.test(userAgent ?? "");

/** Signed-in devices, this one first and marked; any other can be signed out. */
export function Sessions(props: { reloadKey: number }) {
  const [sessions, { refetch }] = createResource(
    () => ({ reload: props.reloadKey }),
    () => listSessions(api),
  );
  const [revoking, setRevoking] = createSignal<string | null>(null);
  const ordered = () => {
    // `latest` keeps the list on screen while it reloads (it does not suspend once loaded)
    const list =
      sessions.state === "ready" || sessions.state === "refreshing" ? (sessions.latest ?? []) : [];
    return [...list].sort((a, b) => Number(b.current) - Number(a.current));
  };

  async function revoke(session: Session) {
    setRevoking(session.id);
    try {
      await revokeSession(api, session.id);
      showToast({ title: `Signed out ${deviceLabel(session.user_agent)}`, tone: "success" });
      await refetch();
    } catch (error) {
      showToast({
        title: "That device could not be signed out",
        description: describeError(error),
        tone: "error",
      });
    } finally {
      setRevoking(null);
    }
  }

  return (
    <Card title="Signed-in devices">
      <p class="ds-muted">
        Every browser or app where your account is signed in. Sign out any you don't recognise, then
        change your password.
      </p>
      <Switch>
        <Match when={sessions.error}>
          <LoadError what="The devices" error={sessions.error} onRetry={refetch} />
        </Match>
        <Match when={sessions.state === "ready" || sessions.state === "refreshing"}>
          <ul class="security__sessions">
            <For each={ordered()}>
              {(session) => (
                <li class="security__session">
                  <span class="security__session-icon" aria-hidden="true">
                    <Icon name={isPhone(session.user_agent) ? "smartphone" : "monitor"} size={20} />
                  </span>
                  <div class="security__session-text">
                    <p class="security__session-name">
                      {deviceLabel(session.user_agent)}
                      <Show when={session.current}>
                        <Badge tone="success">This device</Badge>
                      </Show>
                    </p>
                    <p class="ds-muted security__session-meta">
                      <Show when={session.ip}>
                        <span>IP {session.ip}</span>
                      </Show>
                      <span>Last active {formatDateTime(session.last_seen_at)}</span>
                      <span>Signed in {formatDateTime(session.started_at)}</span>
                    </p>
                  </div>
                  <Show when={!session.current}>
                    <Button
                      variant="outline"
                      size="sm"
                      loading={revoking() === session.id}
                      disabled={revoking() !== null && revoking() !== session.id}
                      onClick={() => void revoke(session)}
                      aria-label={`Sign out ${deviceLabel(session.user_agent)}, last active ${formatDateTime(session.last_seen_at)}`}
                    >
                      Sign out
                    </Button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Match>
        <Match when={true}>
          <SkeletonText lines={3} label="Loading your devices…" />
        </Match>
      </Switch>
    </Card>
  );
}
