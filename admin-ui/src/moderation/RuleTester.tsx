import { createEffect, createSignal, on, Show } from "solid-js";
import { ApiError } from "~kit/api/envelope";
import { Alert } from "~kit/design-system/components/Alert";
import { Button } from "~kit/design-system/components/Button";
import { Textarea } from "~kit/design-system/components/Textarea";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { type ModerationRule, testModerationRule } from "../api/moderation";
import { MarkedText } from "./EvidenceList";
import { markSpans, type Segment } from "./highlight";
import type { RuleDraft, RuleField } from "./rule-draft";
import { ruleIssueMessages } from "./rule-draft";

const SAMPLE_LIMIT = 10_000;

/**
 * Tries the rule being edited on sample text (POST /api/admin/moderation/rules/test, the same
 * matching a check runs) and marks what it matched, before anything is saved. A result is for
 * one rule and one text: editing either clears it.
 */
export function RuleTester(props: {
  draft: RuleDraft;
  /** The rule as typed, or null after showing its problems on the form. */
  checked: () => ModerationRule | null;
  onRuleIssues: (errors: Partial<Record<RuleField, string>>) => void;
}) {
  const [text, setText] = createSignal("");
  const [textError, setTextError] = createSignal<string | undefined>();
  const [testing, setTesting] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ count: number; segments: Segment[] } | null>(null);

  createEffect(on([() => props.draft, text], () => setResult(null), { defer: true }));

  async function test() {
    setFailure(null);
    const sample = text();
    if (!sample.trim()) return setTextError("Paste some text to try the rule on.");
    if (sample.length > SAMPLE_LIMIT) return setTextError(`At most ${SAMPLE_LIMIT} characters.`);
    const rule = props.checked();
    if (!rule) return;
    setTesting(true);
    try {
      const { matches } = await testModerationRule(adminApi, rule, sample);
      setResult({ count: matches.length, segments: markSpans(sample, matches) });
    } catch (cause) {
      const fields =
        cause instanceof ApiError && cause.code === "validation_failed"
          ? ruleIssueMessages(cause.details, "rule")
          : {};
      if (Object.keys(fields).length > 0) props.onRuleIssues(fields);
      else setFailure(describeError(cause));
    } finally {
      setTesting(false);
    }
  }

  return (
    <fieldset class="moderation-tester ds-stack">
      <legend>Test before saving</legend>
      <Textarea
        label="Sample text"
        description="Matched as a check would match one field of a resume."
        value={text()}
        onChange={(value) => {
          setText(value);
          setTextError(undefined);
        }}
        error={textError()}
        rows={4}
      />
      <div class="ds-cluster">
        <Button variant="secondary" loading={testing()} onClick={() => void test()}>
          Test rule
        </Button>
      </div>
      <div aria-live="polite">
        <Show when={result()}>
          {(shown) => (
            <div class="ds-stack">
              <p>
                <strong>
                  {shown().count === 0
                    ? "No match"
                    : `${shown().count} ${shown().count === 1 ? "match" : "matches"}`}
                </strong>
              </p>
              <Show when={shown().count > 0}>
                <p class="moderation-sample">
                  <MarkedText segments={shown().segments} />
                </p>
              </Show>
            </div>
          )}
        </Show>
        <Show when={failure()}>
          {(message) => (
            <Alert tone="error" title="The rule could not be tested">
              {message()}
            </Alert>
          )}
        </Show>
      </div>
    </fieldset>
  );
}
