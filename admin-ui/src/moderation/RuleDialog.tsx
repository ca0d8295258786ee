import { createEffect, createSignal, For, on, Show } from "solid-js";
import { MODERATION_CATEGORIES } from "~core/moderation/model";
import { RULE_KINDS, RULE_PATTERN_LIMIT } from "~core/moderation/rules/schema";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { ErrorSummary, type FormProblem } from "~kit/design-system/components/ErrorSummary";
import { Modal } from "~kit/design-system/components/Modal";
import { Switch } from "~kit/design-system/components/Switch";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import type { ModerationRule, ModerationRuleView } from "../api/moderation";
import { CATEGORY_LABELS, RULE_KIND_LABELS } from "./labels";
import { RuleTester } from "./RuleTester";
import {
  checkRuleDraft,
  draftOf,
  NEW_RULE,
  RULE_FIELDS,
  type RuleDraft,
  type RuleField,
  ruleIssueMessages,
} from "./rule-draft";

const FIELD_IDS: Record<RuleField, string> = {
  id: "rule-id",
  kind: "rule-kind",
  category: "rule-category",
  pattern: "rule-pattern",
  confidence: "rule-confidence",
  enabled: "rule-enabled",
  note: "rule-note",
};

const PATTERN_HELP: Record<RuleDraft["kind"], string> = {
  keyword: "Whole words or a phrase, any case: “casino” never matches inside “casinos”.",
  regex:
    "A JavaScript regular expression, run case-insensitively. Patterns that could take exponential time are refused.",
  domain: "A host name such as example.com; it also matches its subdomains.",
};

export interface RuleDialogProps {
  /** `null` closed, `"new"` a new rule, else the rule to edit. */
  editing: ModerationRuleView | "new" | null;
  onClose: () => void;
  /** Saves the rule; a rejection's issues are shown on the fields. */
  onSave: (rule: ModerationRule) => Promise<void>;
}

/** Create or edit a rule, checked as it will be on the server, and tried on sample text first. */
export function RuleDialog(props: RuleDialogProps) {
  const [draft, setDraft] = createSignal<RuleDraft>(NEW_RULE);
  const [errors, setErrors] = createSignal<Partial<Record<RuleField, string>>>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [summaryFocus, setSummaryFocus] = createSignal(0);
  const existing = () => (props.editing && props.editing !== "new" ? props.editing : null);

  createEffect(
    on(
      () => props.editing,
      (editing) => {
        setDraft(editing && editing !== "new" ? draftOf(editing.rule) : NEW_RULE);
        setErrors({});
        setFailure(null);
      },
    ),
  );

  const update = <K extends keyof RuleDraft>(field: K, value: RuleDraft[K]) => {
    setDraft({ ...draft(), [field]: value });
    if (errors()[field]) setErrors({ ...errors(), [field]: undefined });
  };

  // a failure that is not about a field shows in its own alert by the buttons
  const problems = (): FormProblem[] =>
    RULE_FIELDS.flatMap((field) => {
      const message = errors()[field];
      return message ? [{ message, fieldId: FIELD_IDS[field] }] : [];
    });

  /** The rule as typed, or null with the problems shown on the fields. */
  const checked = (): ModerationRule | null => {
    const check = checkRuleDraft(draft());
    if (check.ok) return check.rule;
    setErrors(check.errors);
    setSummaryFocus(summaryFocus() + 1);
    return null;
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (saving()) return;
    setFailure(null);
    const rule = checked();
    if (!rule) return;
    setSaving(true);
    try {
      await props.onSave(rule);
      props.onClose();
    } catch (cause) {
      const fields =
        cause instanceof ApiError && cause.code === "validation_failed"
          ? ruleIssueMessages(cause.details)
          : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(describeError(cause));
      setSummaryFocus(summaryFocus() + 1);
    } finally {
      setSaving(false);
    }
  }

  const nativeSelect = (
    field: "kind" | "category",
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <div class="ds-field">
      <label class="ds-field__label" for={FIELD_IDS[field]}>
        {label}
      </label>
      <select
        id={FIELD_IDS[field]}
        class="ds-field__control"
        value={draft()[field]}
        onChange={(event) => update(field, event.currentTarget.value as never)}
      >
        <For each={options}>{(option) => <option value={option.value}>{option.label}</option>}</For>
      </select>
    </div>
  );

  return (
    <Modal
      open={props.editing !== null}
      onOpenChange={(open) => !open && props.onClose()}
      title={existing() ? `Edit rule ${existing()?.rule.id}` : "New rule"}
      description={
        existing()?.origin === "built_in"
          ? "Editing a built-in rule saves your version over its default; removing your version brings the default back."
          : undefined
      }
    >
      <div class="ds-stack">
        <ErrorSummary problems={problems()} focusKey={summaryFocus()} />
        <form class="ds-stack" onSubmit={submit} aria-label="Rule" novalidate>
          <TextField
            id={FIELD_IDS.id}
            label="Id"
            description={
              existing()
                ? "A rule keeps its id; save a new rule for another one."
                : "e.g. spam.casino"
            }
            value={draft().id}
            onChange={(value) => update("id", value)}
            error={errors().id}
            readOnly={existing() !== null}
            maxLength={64}
            required
          />
          {nativeSelect(
            "kind",
            "Kind",
            RULE_KINDS.map((kind) => ({ value: kind, label: RULE_KIND_LABELS[kind] })),
          )}
          {nativeSelect(
            "category",
            "Category",
            MODERATION_CATEGORIES.map((category) => ({
              value: category,
              label: CATEGORY_LABELS[category],
            })),
          )}
          <TextField
            id={FIELD_IDS.pattern}
            label="Pattern"
            description={PATTERN_HELP[draft().kind]}
            value={draft().pattern}
            onChange={(value) => update("pattern", value)}
            error={errors().pattern}
            maxLength={RULE_PATTERN_LIMIT}
            class="moderation-rule__pattern-field"
            required
          />
          <TextField
            id={FIELD_IDS.confidence}
            label="Confidence (0–100)"
            description="Above 90 acts at once; from 60 a moderator reviews; below 60 only records it."
            type="number"
            inputMode="numeric"
            value={draft().confidence}
            onChange={(value) => update("confidence", value)}
            error={errors().confidence}
            required
          />
          <div id={FIELD_IDS.enabled}>
            <Switch
              label="Enabled"
              checked={draft().enabled}
              onChange={(value) => update("enabled", value)}
            />
          </div>
          <TextField
            id={FIELD_IDS.note}
            label="Note (optional)"
            description="Why the rule exists, for the next moderator."
            value={draft().note}
            onChange={(value) => update("note", value)}
            error={errors().note}
            maxLength={500}
          />
          <RuleTester draft={draft()} checked={checked} onRuleIssues={setErrors} />
          <Show when={failure()}>
            {(message) => (
              <Alert tone="error" title="The rule was not saved">
                {message()}
              </Alert>
            )}
          </Show>
          <div class="ds-cluster">
            <Button type="submit" loading={saving()}>
              Save rule
            </Button>
            <Button variant="ghost" onClick={props.onClose}>
              Cancel
            </Button>
          </div>
        </form>
      </div>
    </Modal>
  );
}
