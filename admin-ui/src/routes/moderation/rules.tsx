import { A } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Modal } from "~kit/design-system/components/Modal";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { showToast } from "~kit/design-system/components/Toast";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";
import { adminApi } from "../../api/admin-api";
import {
  listModerationRules,
  type ModerationRule,
  type ModerationRuleView,
  removeModerationRule,
  saveModerationRule,
} from "../../api/moderation";
import { can } from "../../auth/admin-session";
import { ADMIN_APP_NAME } from "../../layout/admin-nav";
import { RuleDialog } from "../../moderation/RuleDialog";
import { RulesTable } from "../../moderation/RulesTable";
import "../../moderation/moderation.css";

/** What removing does: an edited built-in rule goes back to its default, a custom one is gone. */
const removal = (view: ModerationRuleView) =>
  view.origin === "edited"
    ? {
        title: `Revert ${view.rule.id} to its default?`,
        description: "Your changes to this built-in rule are dropped; its default applies again.",
        button: "Revert rule",
        done: "Rule reverted to its default",
      }
    : {
        title: `Delete ${view.rule.id}?`,
        description: "The rule stops applying to new checks. Past decisions keep its id.",
        button: "Delete rule",
        done: "Rule deleted",
      };

export default function ModerationRulesPage() {
  usePageTitle(() => "Moderation rules", ADMIN_APP_NAME);
  const [rules, { refetch }] = createResource(() => listModerationRules(adminApi));
  const canEdit = () => can("content.moderate");
  const [editing, setEditing] = createSignal<ModerationRuleView | "new" | null>(null);
  const [removing, setRemoving] = createSignal<ModerationRuleView | null>(null);
  const [removeBusy, setRemoveBusy] = createSignal(false);
  const [removeError, setRemoveError] = createSignal<string | null>(null);

  async function save(rule: ModerationRule) {
    const saved = await saveModerationRule(adminApi, rule);
    showToast({
      title: saved.problem ? `Saved ${rule.id}, but it is not in force` : `Saved ${rule.id}`,
      description: saved.problem ?? undefined,
      tone: saved.problem ? "warning" : "success",
    });
    await refetch();
  }

  async function remove(view: ModerationRuleView) {
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await removeModerationRule(adminApi, view.rule.id);
      showToast({ title: removal(view).done, tone: "success" });
      setRemoving(null);
      await refetch();
    } catch (cause) {
      setRemoveError(describeError(cause));
    } finally {
      setRemoveBusy(false);
    }
  }

  const closeRemoval = () => {
    setRemoving(null);
    setRemoveError(null);
  };

  return (
    <div class="ds-container ds-stack">
      <header class="ds-page-header">
        <div>
          <h1>Moderation rules</h1>
          <p class="ds-muted">
            Keyword, regular-expression and domain rules every check runs, next to the built-in
            detectors. Try a rule on sample text before saving it.
          </p>
        </div>
        <div class="ds-cluster">
          <A href="/moderation/strikes">Strike thresholds</A>
          <A href="/moderation">Review queue</A>
        </div>
      </header>
      <Card
        actions={
          <Show when={canEdit()}>
            <Button icon="sparkles" onClick={() => setEditing("new")}>
              New rule
            </Button>
          </Show>
        }
      >
        <Show when={rules.error}>
          {(error) => <LoadError what="Rules" error={error()} onRetry={refetch} />}
        </Show>
        <Show
          when={rules.error ? undefined : rules.latest}
          fallback={
            <Show when={!rules.error}>
              <SkeletonText lines={6} label="Loading rules…" />
            </Show>
          }
        >
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="ds-muted">No rules.</p>}>
              <RulesTable
                rules={list()}
                canEdit={canEdit()}
                onEdit={setEditing}
                onRemove={setRemoving}
              />
            </Show>
          )}
        </Show>
      </Card>
      <RuleDialog editing={editing()} onClose={() => setEditing(null)} onSave={save} />
      <Show when={removing()}>
        {(view) => (
          <Modal
            open
            onOpenChange={(open) => !open && closeRemoval()}
            title={removal(view()).title}
            description={removal(view()).description}
            footer={
              <>
                <Button variant="outline" onClick={closeRemoval}>
                  Cancel
                </Button>
                <Button variant="danger" loading={removeBusy()} onClick={() => remove(view())}>
                  {removal(view()).button}
                </Button>
              </>
            }
          >
            <Show when={removeError()}>
              {(message) => (
                <Alert tone="error" title="Nothing was removed">
                  {message()}
                </Alert>
              )}
            </Show>
          </Modal>
        )}
      </Show>
    </div>
  );
}
