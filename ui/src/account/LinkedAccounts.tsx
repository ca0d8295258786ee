import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import {
  listLinkedIdentities,
  listOAuthProviders,
  oauthErrorMessage,
  oauthStartUrl,
  unlinkIdentity,
} from "~/auth/oauth";
import { api } from "~/auth/session";
import type { LinkedIdentity, OAuthProviderInfo } from "~core/contract/auth";
import { fetchMe } from "~kit/api/auth";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { showToast } from "~kit/design-system/components/Toast";
import { formatDateTime } from "~kit/format";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";

const SECURITY_PAGE = "/account/security";

/**
 * Google, GitHub or Microsoft identities that sign in to this account: each can be unlinked
 * unless it is the only way left to sign in, and every configured provider can be linked.
 * Hidden entirely when the deployment offers no provider and nothing is linked.
 */
export function LinkedAccounts() {
  const [search, setSearch] = useSearchParams<{ linked?: string; error?: string }>();
  const [providers] = createResource(async () => {
    try {
      return (await listOAuthProviders(api)).providers;
    } catch {
      return [] as OAuthProviderInfo[];
    }
  });
  const [identities, { refetch }] = createResource(() => listLinkedIdentities(api));
  const [busy, setBusy] = createSignal<string | null>(null);

  const nameOf = (id: string) =>
    providers()?.find((provider) => provider.id === id)?.name ??
    id.charAt(0).toUpperCase() + id.slice(1);
  const loaded = () =>
    identities.state === "ready" || identities.state === "refreshing"
      ? (identities.latest ?? [])
      : [];
  const visible = () => (providers()?.length ?? 0) > 0 || loaded().length > 0;
  const linkedMessage = () => (search.linked ? `${nameOf(search.linked)} is now linked.` : null);

  async function connect(provider: OAuthProviderInfo) {
    setBusy(provider.id);
    try {
      // Linking needs a live session on the way out; this refreshes an expired one first.
      await fetchMe(api);
      window.location.assign(oauthStartUrl(provider.id, { intent: "link", next: SECURITY_PAGE }));
    } catch (error) {
      setBusy(null);
      showToast({
        title: `${provider.name} could not be linked`,
        description: describeError(error),
        tone: "error",
      });
    }
  }

  async function unlink(identity: LinkedIdentity) {
    setBusy(identity.id);
    setSearch({ linked: undefined, error: undefined }, { replace: true });
    try {
      await unlinkIdentity(api, identity.id);
      showToast({ title: `${nameOf(identity.provider)} unlinked`, tone: "success" });
      await refetch();
    } catch (error) {
      showToast({
        title: `${nameOf(identity.provider)} could not be unlinked`,
        description:
          error instanceof ApiError && error.code === "last_sign_in_method"
            ? "It is the only way to sign in to your account. Set a password or add a passkey first."
            : describeError(error),
        tone: "error",
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Show when={visible()}>
      <Card title="Linked sign-in accounts">
        <p class="ds-muted">
          Sign in with Google, GitHub or Microsoft instead of your password. A linked account only
          signs in to this account.
        </p>
        <Show when={linkedMessage()}>{(message) => <Alert tone="success">{message()}</Alert>}</Show>
        <Show when={oauthErrorMessage(search.error)}>
          {(message) => <Alert tone="error">{message()}</Alert>}
        </Show>
        <Switch>
          <Match when={identities.error}>
            <LoadError what="Your linked accounts" error={identities.error} onRetry={refetch} />
          </Match>
          <Match when={identities.state === "ready" || identities.state === "refreshing"}>
            <Show
              when={loaded().length}
              fallback={<p class="security__card-text">No accounts are linked yet.</p>}
            >
              <ul class="security__sessions" aria-label="Linked accounts">
                <For each={loaded()}>
                  {(identity) => (
                    <li class="security__session">
                      <div class="security__session-text">
                        <p class="security__session-name">{nameOf(identity.provider)}</p>
                        <p class="ds-muted security__session-meta">
                          <Show when={identity.email}>
                            <span>{identity.email}</span>
                          </Show>
                          <span>Linked {formatDateTime(identity.created_at)}</span>
                          <Show when={identity.last_used_at}>
                            <span>Last used {formatDateTime(identity.last_used_at)}</span>
                          </Show>
                        </p>
                      </div>
                      <Button
                        variant="outline"
                        size="sm"
                        loading={busy() === identity.id}
                        disabled={busy() !== null && busy() !== identity.id}
                        onClick={() => void unlink(identity)}
                        aria-label={`Unlink ${nameOf(identity.provider)}${identity.email ? ` (${identity.email})` : ""}`}
                      >
                        Unlink
                      </Button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Match>
          <Match when={true}>
            <SkeletonText lines={2} label="Loading your linked accounts…" />
          </Match>
        </Switch>
        <Show when={providers()?.length}>
          <div class="auth-form__actions">
            <For each={providers()}>
              {(provider) => (
                <Button
                  variant="secondary"
                  size="sm"
                  loading={busy() === provider.id}
                  disabled={busy() !== null && busy() !== provider.id}
                  onClick={() => void connect(provider)}
                >
                  Link {provider.name}
                </Button>
              )}
            </For>
          </div>
        </Show>
      </Card>
    </Show>
  );
}
