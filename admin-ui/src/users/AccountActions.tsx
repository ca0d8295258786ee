import { createSignal, Match, Show, Switch } from "solid-js";
import { ROLES, type Role } from "~core/auth/permissions";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Select } from "~kit/design-system/components/Select";
import { Textarea } from "~kit/design-system/components/Textarea";
import { TextField } from "~kit/design-system/components/TextField";
import { showToast } from "~kit/design-system/components/Toast";
import { describeError } from "~kit/forms/describe-error";
import {
  changeRole,
  deleteAccount,
  editAccount,
  runAccountAction,
  type SimpleAccountAction,
  startImpersonation,
} from "../api/account-actions";
import { adminApi } from "../api/admin-api";
import { can, roleLabel } from "../auth/admin-session";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";

/** The account as these actions need it (the users page's profile). */
export interface ActionTarget {
  id: string;
  email: string;
  name: string;
  role: Role;
  email_verified: boolean;
}

type Dialog = "impersonate" | "edit" | "role" | null;

const SIMPLE: { action: SimpleAccountAction; label: string; done: string; confirm?: string }[] = [
  {
    action: "password-reset",
    label: "Force password reset",
    done: "Reset link sent; every session ended",
    confirm: "Email a reset link and sign this account out everywhere?",
  },
  {
    action: "sessions/revoke",
    label: "Clear sessions",
    done: "Signed out everywhere",
    confirm: "Sign this account out on every device?",
  },
  { action: "verification-email", label: "Resend verification", done: "Verification email sent" },
  { action: "verify", label: "Verify email manually", done: "Email marked verified" },
];

/**
 * One account's admin actions (README "Users": admin actions, "Impersonation"): view as the user
 * (read-only, in a new tab of the user app), edit, role, password reset, sessions, verification,
 * delete. Buttons a role cannot use are not shown; the server checks every one anyway, and asks
 * for a fresh second factor where the action is sensitive (the layout's step-up dialog).
 */
export function AccountActions(props: { user: ActionTarget; onChanged: () => void }) {
  const [dialog, setDialog] = createSignal<Dialog>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [reason, setReason] = createSignal("");
  const [name, setName] = createSignal(props.user.name);
  const [email, setEmail] = createSignal(props.user.email);
  const [role, setRole] = createSignal<Role>(props.user.role);
  const [fieldError, setFieldError] = createSignal<string | undefined>();
  const isCustomer = () => props.user.role === "user";

  const close = () => {
    setDialog(null);
    setFieldError(undefined);
  };

  async function simple(item: (typeof SIMPLE)[number]) {
    if (item.confirm && !window.confirm(item.confirm)) return;
    setBusy(item.action);
    try {
      const result = await runAccountAction(adminApi, props.user.id, item.action);
      showToast({
        title: result.outcome === "already_verified" ? "Already verified" : item.done,
        tone: "success",
      });
      props.onChanged();
    } catch (error) {
      showToast({
        title: `${item.label} failed`,
        description: describeError(error),
        tone: "error",
      });
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy("delete");
    try {
      await deleteAccount(adminApi, props.user.id);
    } catch (error) {
      showToast({ title: "Not deleted", description: describeError(error), tone: "error" });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title="Actions">
      <div class="ds-cluster">
        <Show when={can("users.impersonate") && isCustomer()}>
          <Button onClick={() => setDialog("impersonate")}>View as user (read-only)</Button>
        </Show>
        <Show when={can("users.write")}>
          <Button variant="secondary" onClick={() => setDialog("edit")}>
            Edit name or email
          </Button>
          {SIMPLE.filter((item) => item.action !== "verify" || !props.user.email_verified).map(
            (item) => (
              <Button
                variant="outline"
                loading={busy() === item.action}
                onClick={() => simple(item)}
              >
                {item.label}
              </Button>
            ),
          )}
        </Show>
        <Show when={can("admin.manage")}>
          <Button variant="outline" onClick={() => setDialog("role")}>
            Change role
          </Button>
        </Show>
        <Show when={can("users.delete")}>
          <Button variant="danger" loading={busy() === "delete"} onClick={remove}>
            Delete account
          </Button>
        </Show>
      </div>
      <Switch>
        <Match when={dialog() === "impersonate"}>
          <StepUpActionDialog
            title={`View ${props.user.email} read-only`}
            description="Opens the user app as this person sees it, in a new tab, for at most an hour. Nothing can be changed. The person sees this in their account's security activity."
            formLabel="Start a read-only view"
            submitLabel="View as user"
            failureTitle="Not started"
            check={() => {
              const text = reason().trim();
              if (text.length < 5) {
                setFieldError("Say why you need to see this account");
                return null;
              }
              return text;
            }}
            send={async (text) => {
              // the tab is opened now, in the click, so no popup blocker stops it
              const tab = window.open("about:blank", "_blank");
              try {
                const started = await startImpersonation(adminApi, props.user.id, text);
                if (tab) tab.location.href = started.open_url;
                else window.location.assign(started.open_url);
                close();
              } catch (error) {
                tab?.close();
                throw error;
              }
            }}
            onClose={close}
          >
            <Textarea
              label="Reason"
              value={reason()}
              onChange={setReason}
              error={fieldError()}
              required
              description="Kept in the audit log."
            />
          </StepUpActionDialog>
        </Match>
        <Match when={dialog() === "edit"}>
          <StepUpActionDialog
            title="Edit name or email"
            description="A new email must be confirmed by its owner: it is sent a verification link, and the account is signed out everywhere."
            formLabel="Edit the account"
            submitLabel="Save"
            failureTitle="Not saved"
            check={() => {
              const changes = {
                ...(name().trim() !== props.user.name ? { name: name().trim() } : {}),
                ...(email().trim() !== props.user.email ? { email: email().trim() } : {}),
              };
              if (!changes.name && !changes.email) {
                setFieldError("Change the name or the email");
                return null;
              }
              return changes;
            }}
            send={async (changes) => {
              await editAccount(adminApi, props.user.id, changes);
              showToast({ title: "Account updated", tone: "success" });
              close();
              props.onChanged();
            }}
            onClose={close}
          >
            <TextField label="Name" value={name()} onChange={setName} maxLength={100} />
            <TextField
              label="Email"
              type="email"
              value={email()}
              onChange={setEmail}
              error={fieldError()}
            />
          </StepUpActionDialog>
        </Match>
        <Match when={dialog() === "role"}>
          <StepUpActionDialog
            title="Change role"
            description="The account is signed out so its next sign-in carries the new role."
            formLabel="Change the role"
            submitLabel="Change role"
            failureTitle="Role not changed"
            check={() => role()}
            send={async (next) => {
              await changeRole(adminApi, props.user.id, next);
              showToast({ title: `Role is now ${roleLabel(next)}`, tone: "success" });
              close();
              props.onChanged();
            }}
            onClose={close}
          >
            <Select
              label="Role"
              value={role()}
              onChange={(value) => setRole(value as Role)}
              options={ROLES.map((value) => ({ value, label: roleLabel(value) }))}
            />
          </StepUpActionDialog>
        </Match>
      </Switch>
    </Card>
  );
}
