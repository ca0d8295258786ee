import { createResource, createSignal, Show } from "solid-js";
import { configureShare, fetchShare } from "~/api/resumes";
import { api } from "~/auth/session";
import { liveEntitlements } from "~/billing/live-plans";
import { plansWith } from "~/billing/plans";
import type { ShareLink } from "~core/contract/resumes";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Checkbox } from "~kit/design-system/components/Checkbox";
import { Modal } from "~kit/design-system/components/Modal";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { Switch } from "~kit/design-system/components/Switch";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { createPoll } from "~kit/poll/create-poll";
import { useEditor } from "./editor-state";
import { PublicationStatus } from "./PublicationStatus";

/** The public link /r/{slug}: on or off, an optional password, noindex, and its counters. */
export function SharePanel(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  plan: string;
}) {
  const editor = useEditor();
  const [share, { mutate }] = createResource(
    () => (props.open ? editor.id() : null),
    async (id): Promise<ShareLink | null> => {
      try {
        return await fetchShare(api, id);
      } catch (error) {
        // never shared yet: there is no link until it is turned on
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  );
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [copied, setCopied] = createSignal(false);
  const passwords = () => liveEntitlements(props.plan).sharePassword;

  const update = async (settings: {
    enabled: boolean;
    password?: string | null;
    noindex?: boolean;
  }) => {
    setBusy(true);
    setError("");
    try {
      // the page shows what was last saved: send what waits first
      await editor.save();
      mutate(await configureShare(api, editor.id(), settings));
      setPassword("");
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  };
  const enabled = () => share()?.enabled ?? false;
  // A check takes a second or two; a moderator's review, hours: ask again until it settles.
  createPoll({
    while: () => {
      const publication = share()?.publication;
      return (
        props.open &&
        enabled() &&
        (publication?.state === "checking" || publication?.changes_pending)
      );
    },
    startAfter: 1_500,
    round: async (signal) => {
      const latest = await fetchShare(api, editor.id());
      if (signal.aborted) return null;
      mutate(latest);
      return latest.publication.state === "checking" || latest.publication.changes_pending
        ? 2_000
        : null;
    },
  });

  return (
    <Modal open={props.open} onOpenChange={props.onOpenChange} title="Share">
      <Show when={!share.loading} fallback={<SkeletonText lines={3} label="Loading the link…" />}>
        <div class="ds-stack">
          <Show when={error() || share.error}>
            <Alert tone="error">{error() || "The link could not be loaded."}</Alert>
          </Show>
          <Switch
            label="Public link"
            description="Anyone with the link can see this resume as last saved, once it has passed our content check."
            checked={enabled()}
            disabled={busy()}
            onChange={(on) => void update({ enabled: on })}
          />
          <Show when={enabled() && share()}>
            {(link) => (
              <>
                <PublicationStatus publication={link().publication} />
                <div class="ds-field">
                  <label class="ds-field__label" for="share-url">
                    Link
                  </label>
                  <input id="share-url" class="ds-field__control" readOnly value={link().url} />
                </div>
                <div class="ds-cluster">
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() =>
                      void navigator.clipboard
                        ?.writeText(link().url)
                        .then(() => setCopied(true))
                        .catch(() => setCopied(false))
                    }
                  >
                    {copied() ? "Copied" : "Copy link"}
                  </Button>
                  <a href={link().url} target="_blank" rel="noopener">
                    Open the public page
                  </a>
                </div>
                <p class="ds-muted">
                  Viewed {link().views} {link().views === 1 ? "time" : "times"} · downloaded{" "}
                  {link().downloads} {link().downloads === 1 ? "time" : "times"}
                </p>
                <Checkbox
                  label="Hide from search engines"
                  checked={link().noindex}
                  disabled={busy()}
                  onChange={(noindex) => void update({ enabled: true, noindex })}
                />
                <Show
                  when={passwords()}
                  fallback={
                    <p class="ds-muted">
                      Password-protected links come with {plansWith("sharePassword")}.
                    </p>
                  }
                >
                  <form
                    class="ds-stack"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void update({ enabled: true, password: password() });
                    }}
                  >
                    <TextField
                      label={link().has_password ? "New password" : "Password (optional)"}
                      type="password"
                      autocomplete="new-password"
                      value={password()}
                      onChange={setPassword}
                    />
                    <div class="ds-cluster">
                      <Button type="submit" size="sm" disabled={busy() || password().length === 0}>
                        Set password
                      </Button>
                      <Show when={link().has_password}>
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={busy()}
                          onClick={() => void update({ enabled: true, password: null })}
                        >
                          Remove password
                        </Button>
                      </Show>
                    </div>
                  </form>
                </Show>
              </>
            )}
          </Show>
        </div>
      </Show>
    </Modal>
  );
}
