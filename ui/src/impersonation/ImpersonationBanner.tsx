import { createSignal, Show } from "solid-js";
import { api } from "~/auth/session";
import { Button } from "~kit/design-system/components/Button";
import { showToast } from "~kit/design-system/components/Toast";
import { describeError } from "~kit/forms/describe-error";
import { currentImpersonation } from "./current";
import "./impersonation-banner.css";

const endsAt = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

/**
 * While a staff member views this account read-only (README "Impersonation"), a fixed banner
 * says whose account it is, that nothing can be changed, and when the view ends; Stop ends it
 * on the server and returns to the admin app. The server refuses writes whatever this shows.
 */
export function ImpersonationBanner() {
  const [stopping, setStopping] = createSignal(false);

  async function stop() {
    setStopping(true);
    try {
      await api.post("/api/impersonation/stop");
      window.location.assign("/admin/");
    } catch (error) {
      showToast({
        title: "Could not stop viewing",
        description: describeError(error),
        tone: "error",
      });
      setStopping(false);
    }
  }

  return (
    <Show when={currentImpersonation()?.active ? currentImpersonation() : null}>
      {(active) => (
        <div class="impersonation-banner" role="status" aria-live="polite">
          <p>
            Viewing as <strong>{active().user_email}</strong> — read-only, ends at{" "}
            <time datetime={active().expires_at ?? ""}>{endsAt(active().expires_at ?? "")}</time>
          </p>
          <Button variant="secondary" size="sm" onClick={stop} loading={stopping()}>
            Stop
          </Button>
        </div>
      )}
    </Show>
  );
}
