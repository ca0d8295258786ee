import { createEffect, createResource, createSignal, on, Show } from "solid-js";
import type { UserStatus } from "~core/auth/identity";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { LoadError } from "~kit/forms/LoadError";
import { createPoll } from "~kit/poll/create-poll";
import { backoffDelay } from "~kit/poll/poll-until";
import { adminApi } from "../api/admin-api";
import { getLinkedAccounts } from "../api/bans";
import { can } from "../auth/admin-session";
import { linkedBanProgress, mayBanLinked, selectableIds } from "../bans/ban-view";
import { LinkedAccountsTable } from "./LinkedAccountsTable";
import { LinkedBanDialog, type LinkedBanSent } from "./LinkedBanDialog";

const WAIT_BACKOFF = { first: 1_000, factor: 1.5, max: 5_000 };
/** After this long, stop reading and say the bans are still waiting (the cron retries them). */
const WAIT_LIMIT_MS = 120_000;

type Progress = { banned: number; total: number; state: "waiting" | "done" | "slow" };

/**
 * The accounts linked to this one (README "Bans": a shared email alias, device or passkey,
 * payment card, or sign-up address within a window), and banning the ticked ones together —
 * only ever on the admin's confirmation, one by one. After the request, the list is read again
 * until every account asked for shows as banned.
 */
export function LinkedAccounts(props: {
  userId: string;
  /** This account's status, when read: whether it may be banned with them. */
  status: UserStatus | null;
  /** This account was included in a linked ban: its own request, for the page to follow. */
  onThisAccountBanned: (requestId: string) => void;
}) {
  const [linked, { refetch, mutate }] = createResource(
    () => props.userId,
    (id) => getLinkedAccounts(adminApi, id),
  );
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = createSignal(false);
  const [waiting, setWaiting] = createSignal<{ ids: string[]; since: number } | null>(null);
  const [progress, setProgress] = createSignal<Progress | null>(null);
  const current = () => (linked.error ? undefined : linked.latest);
  const canBan = () => can("users.write");
  const chosen = () => selectableIds(current() ?? [], selected());
  createEffect(
    on(
      () => props.userId,
      () => setSelected(new Set<string>()),
      { defer: true },
    ),
  );

  let round = 0;
  createPoll({
    while: waiting,
    startAfter: WAIT_BACKOFF.first,
    async round(signal) {
      const asked = waiting();
      if (!asked) return null;
      try {
        const read = await getLinkedAccounts(adminApi, props.userId, signal);
        if (signal.aborted) return null;
        mutate(read);
        const now = linkedBanProgress(read, asked.ids);
        if (now.banned >= now.total) {
          setProgress({ ...now, state: "done" });
          setWaiting(null);
          return null;
        }
        setProgress({ ...now, state: "waiting" });
      } catch {
        if (signal.aborted) return null;
      }
      const delay = backoffDelay(WAIT_BACKOFF, round++);
      if (Date.now() + delay - asked.since > WAIT_LIMIT_MS) {
        setProgress((last) => (last ? { ...last, state: "slow" } : null));
        setWaiting(null);
        return null;
      }
      return delay;
    },
  });

  function sent(result: LinkedBanSent) {
    setConfirming(false);
    setSelected(new Set<string>());
    // the API answers one request per account, in the order the ids were sent
    const own = result.requests[result.userIds.indexOf(props.userId)];
    if (own) props.onThisAccountBanned(own.id);
    const others = result.userIds.filter((id) => id !== props.userId);
    round = 0;
    setProgress({ banned: 0, total: others.length, state: "waiting" });
    setWaiting({ ids: others, since: Date.now() });
  }

  const select = (userId: string, checked: boolean) => {
    const next = new Set(selected());
    if (checked) next.add(userId);
    else next.delete(userId);
    setSelected(next);
  };

  return (
    <Card
      title="Linked accounts"
      actions={
        <Show when={canBan() && (current()?.length ?? 0) > 0}>
          <Button
            variant="danger"
            disabled={chosen().length === 0}
            onClick={() => setConfirming(true)}
          >
            Ban selected together
          </Button>
        </Show>
      }
    >
      <div class="ds-stack">
        <Show when={progress()}>
          {(shown) => (
            <Alert
              tone={
                shown().state === "done" ? "success" : shown().state === "slow" ? "warning" : "info"
              }
              title={
                shown().state === "done"
                  ? `Banned: ${shown().total} linked ${shown().total === 1 ? "account" : "accounts"}`
                  : `Banning linked accounts: ${shown().banned} of ${shown().total} done`
              }
            >
              {shown().state === "slow"
                ? "Some bans are still waiting. They are retried automatically; reload later to see them."
                : "Each account's escalation workflow applies its ban within seconds."}
            </Alert>
          )}
        </Show>
        <Show when={linked.error}>
          {(error) => <LoadError what="Linked accounts" error={error()} onRetry={refetch} />}
        </Show>
        <Show
          when={current()}
          fallback={
            <Show when={!linked.error}>
              <SkeletonText lines={2} label="Loading linked accounts…" />
            </Show>
          }
        >
          {(accounts) => (
            <Show
              when={accounts().length > 0}
              fallback={<p class="ds-muted">No other account shares anything with this one.</p>}
            >
              <p class="ds-muted" aria-live="polite">
                <Show when={canBan()}>{chosen().length} selected. </Show>
                Being linked is a lead, not proof: ban only the accounts you checked.
              </p>
              <LinkedAccountsTable
                accounts={accounts()}
                selectable={canBan()}
                selected={selected()}
                onSelect={select}
              />
            </Show>
          )}
        </Show>
      </div>
      <Show when={confirming()}>
        <LinkedBanDialog
          userId={props.userId}
          selected={(current() ?? []).filter((account) => chosen().includes(account.user_id))}
          mayBanThisAccount={props.status !== null && mayBanLinked(props.status)}
          onClose={() => setConfirming(false)}
          onSent={sent}
        />
      </Show>
    </Card>
  );
}
