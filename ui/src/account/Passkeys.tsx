import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { deletePasskey, listPasskeys, renamePasskey } from "~/api/passkeys";
import {
  addPasskey,
  ceremonyCancelled,
  describePasskeyError,
  passkeysSupported,
} from "~/auth/passkeys";
import { api } from "~/auth/session";
import type { Passkey } from "~core/contract/passkeys";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge } from "~kit/design-system/components/Badge";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Modal } from "~kit/design-system/components/Modal";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { TextField } from "~kit/design-system/components/TextField";
import { showToast } from "~kit/design-system/components/Toast";
import { Icon } from "~kit/design-system/icons/Icon";
import { formatDateTime } from "~kit/format";
import { createForm } from "~kit/forms/create-form";
import { describeError } from "~kit/forms/describe-error";
import "./passkeys.css";
import { LoadError } from "~kit/forms/LoadError";

/** Closing the "confirm it's you" dialog refuses the request; that needs no second message. */
const stepUpDeclined = (error: unknown) =>
  error instanceof ApiError &&
  error.status === 403 &&
  (error.code === "step_up_required" || error.code === "mfa_required");

/** The account's passkeys: add one on this device, rename or remove any. */
export function Passkeys() {
  const supported = passkeysSupported();
  const [passkeys, { refetch }] = createResource(() => listPasskeys(api));
  const [adding, setAdding] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [renaming, setRenaming] = createSignal<Passkey | null>(null);
  const [removing, setRemoving] = createSignal<Passkey | null>(null);
  const list = () =>
    passkeys.state === "ready" || passkeys.state === "refreshing" ? (passkeys.latest ?? []) : [];

  async function add() {
    setAdding(true);
    setProblem(null);
    try {
      const passkey = await addPasskey(api);
      showToast({
        title: `Passkey added: ${passkey.name}`,
        description: "Next time, choose “Sign in with a passkey”.",
        tone: "success",
      });
      await refetch();
    } catch (error) {
      if (!ceremonyCancelled(error) && !stepUpDeclined(error))
        setProblem(describePasskeyError(error));
    } finally {
      setAdding(false);
    }
  }

  return (
    <Card
      title="Passkeys"
      actions={
        <Show when={supported}>
          <Button variant="outline" size="sm" icon="lock" loading={adding()} onClick={add}>
            Add a passkey
          </Button>
        </Show>
      }
    >
      <p class="ds-muted security__card-text">
        Sign in with your fingerprint, face or screen lock instead of your password. A passkey stays
        on your device or in your password manager, and it only works on this site, so it can't be
        phished.
      </p>
      <Show when={!supported}>
        <Alert tone="info" title="This browser can't use passkeys">
          Use a recent version of Chrome, Edge, Firefox or Safari to add one. You can still rename
          or remove the passkeys you have.
        </Alert>
      </Show>
      <Show when={problem()}>
        {(message) => (
          <Alert tone="error" title="The passkey was not added">
            {message()}
          </Alert>
        )}
      </Show>
      <Switch>
        <Match when={passkeys.error}>
          <LoadError what="Your passkeys" error={passkeys.error} onRetry={refetch} />
        </Match>
        <Match when={passkeys.state === "ready" && list().length === 0}>
          <p class="passkeys__empty">
            You have no passkeys yet.
            {supported ? " Add one to sign in without typing your password." : ""}
          </p>
        </Match>
        <Match when={passkeys.state === "ready" || passkeys.state === "refreshing"}>
          <ul class="security__sessions" aria-label="Your passkeys">
            <For each={list()}>
              {(passkey) => (
                <li class="security__session">
                  <span class="security__session-icon" aria-hidden="true">
                    <Icon name="lock" size={20} />
                  </span>
                  <div class="security__session-text">
                    <p class="security__session-name">
                      {passkey.name}
                      <Show when={passkey.backed_up}>
                        <Badge tone="info">Synced</Badge>
                      </Show>
                    </p>
                    <p class="ds-muted security__session-meta">
                      <span>Added {formatDateTime(passkey.created_at)}</span>
                      <span>
                        {passkey.last_used_at
                          ? `Last used ${formatDateTime(passkey.last_used_at)}`
                          : "Not used yet"}
                      </span>
                    </p>
                  </div>
                  <div class="passkeys__actions">
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setRenaming(passkey)}
                      aria-label={`Rename ${passkey.name}`}
                    >
                      Rename
                    </Button>
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => setRemoving(passkey)}
                      aria-label={`Remove ${passkey.name}`}
                    >
                      Remove
                    </Button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Match>
        <Match when={true}>
          <SkeletonText lines={2} label="Loading your passkeys…" />
        </Match>
      </Switch>
      <Show when={renaming()} keyed>
        {(passkey) => (
          <RenameDialog passkey={passkey} onClose={() => setRenaming(null)} onSaved={refetch} />
        )}
      </Show>
      <Show when={removing()} keyed>
        {(passkey) => (
          <RemoveDialog passkey={passkey} onClose={() => setRemoving(null)} onRemoved={refetch} />
        )}
      </Show>
    </Card>
  );
}

function RenameDialog(props: { passkey: Passkey; onClose: () => void; onSaved: () => unknown }) {
  const [name, setName] = createSignal(props.passkey.name);
  let input: HTMLInputElement | undefined;
  const form = createForm({
    fields: { name: "passkey-name" },
    validate: () => ({
      name: !name().trim()
        ? "Give the passkey a name."
        : name().trim().length > 60
          ? "Use at most 60 characters."
          : undefined,
    }),
    fieldMessages: { name: "Use a name of 1 to 60 characters." },
  });
  const submit = (event: SubmitEvent) =>
    form.submit(event, async () => {
      await renamePasskey(api, props.passkey.id, name().trim());
      showToast({ title: "Passkey renamed", tone: "success" });
      props.onClose();
      await props.onSaved();
    });
  return (
    <Modal
      open
      onOpenChange={(open) => !open && !form.pending() && props.onClose()}
      title="Rename passkey"
      description="A name that tells you which device or password manager holds it."
      initialFocus={() => input}
    >
      <form id="passkey-rename" class="ds-stack" onSubmit={submit} noValidate>
        <Show when={form.problems().find((problem) => !problem.fieldId)}>
          {(problem) => <Alert tone="error">{problem().message}</Alert>}
        </Show>
        <TextField
          id="passkey-name"
          label="Name"
          maxLength={60}
          {...form.bind("name", name, setName)}
          ref={(el) => {
            input = el;
          }}
          required
        />
        <div class="passkeys__dialog-actions">
          <Button variant="ghost" onClick={props.onClose} disabled={form.pending()}>
            Cancel
          </Button>
          <Button type="submit" loading={form.pending()}>
            Save
          </Button>
        </div>
      </form>
    </Modal>
  );
}

function RemoveDialog(props: { passkey: Passkey; onClose: () => void; onRemoved: () => unknown }) {
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  async function remove() {
    setPending(true);
    setError(null);
    try {
      await deletePasskey(api, props.passkey.id);
      showToast({ title: `Removed ${props.passkey.name}`, tone: "success" });
      props.onClose();
      await props.onRemoved();
    } catch (cause) {
      if (!stepUpDeclined(cause)) setError(describeError(cause));
    } finally {
      setPending(false);
    }
  }
  return (
    <Modal
      open
      onOpenChange={(open) => !open && !pending() && props.onClose()}
      title={`Remove “${props.passkey.name}”?`}
      description="You won't be able to sign in with it any more. Your device may still list it; you can delete it there too."
      footer={
        <>
          <Button variant="ghost" onClick={props.onClose} disabled={pending()}>
            Cancel
          </Button>
          <Button variant="danger" loading={pending()} onClick={remove}>
            Remove passkey
          </Button>
        </>
      }
    >
      <Show when={error()}>
        {(message) => (
          <Alert tone="error" title="The passkey was not removed">
            {message()}
          </Alert>
        )}
      </Show>
    </Modal>
  );
}
