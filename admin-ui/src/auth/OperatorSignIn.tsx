import { createSignal, Show } from "solid-js";
import { createApiClient } from "~kit/api/client";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { TextField } from "~kit/design-system/components/TextField";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { ADMIN_APP_NAME } from "../layout/admin-nav";
import { operatorSignOutReason, signInOperator } from "./operator-session";
import "./operator-sign-in.css";
import { describeError } from "~kit/forms/describe-error";

/**
 * Asks for the operator token and checks it against an operator-only endpoint before
 * keeping it, so a typo is reported here rather than on the first page that loads data.
 */
export function OperatorSignIn(props: { onUseAccount: () => void }) {
  usePageTitle(() => "Operator sign-in", ADMIN_APP_NAME);
  const [token, setToken] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [checking, setChecking] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const candidate = token().trim();
    if (!candidate) {
      setError("Enter the operator token.");
      return;
    }
    setChecking(true);
    setError(null);
    try {
      const probe = createApiClient({ credentials: "omit", bearerToken: () => candidate });
      await probe.list("/api/admin/backups", { query: { page: 1, per_page: 1 } });
      signInOperator(candidate);
    } catch (cause) {
      setError(
        cause instanceof ApiError && (cause.status === 401 || cause.status === 403)
          ? "That operator token was not accepted."
          : `The token could not be checked: ${describeError(cause)}`,
      );
    } finally {
      setChecking(false);
    }
  }

  return (
    <div class="ds-container operator-sign-in">
      <h1>Operator sign-in</h1>
      <p class="ds-muted">
        Automation and break-glass access: enter the operator token of this environment. It is kept
        for this browser tab only.
      </p>
      <Show when={operatorSignOutReason()}>
        {(reason) => <Alert tone="warning">{reason()}</Alert>}
      </Show>
      <form class="ds-stack" onSubmit={submit} noValidate>
        <TextField
          label="Operator token"
          type="password"
          name="operator-token"
          autocomplete="current-password"
          value={token()}
          onChange={setToken}
          error={error() ?? undefined}
          required
        />
        <div class="ds-cluster">
          <Button type="submit" loading={checking()}>
            Sign in
          </Button>
          <Button variant="ghost" size="sm" onClick={props.onUseAccount}>
            Sign in with a staff account instead
          </Button>
        </div>
      </form>
    </div>
  );
}
