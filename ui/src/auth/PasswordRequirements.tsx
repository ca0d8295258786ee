import { createMemo, For } from "solid-js";
import {
  checkPasswordPolicy,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordContext,
  type PasswordIssueCode,
} from "~core/auth/password-policy";
import { Icon } from "~kit/design-system/icons/Icon";
import "./password-requirements.css";

interface Requirement {
  label: string;
  /** Issue codes that mean this requirement is not met. */
  codes: PasswordIssueCode[];
}

const REQUIREMENTS: Requirement[] = [
  {
    label: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
    codes: ["too_short", "too_long"],
  },
  { label: "Not a common or predictable password", codes: ["common"] },
  { label: "Doesn't contain your name or email address", codes: ["contains_personal_info"] },
];

/** The policy's problems with `password`, as one message (the API's wording). */
export function passwordProblem(password: string, context: PasswordContext): string | undefined {
  const result = checkPasswordPolicy(password, context);
  return result.ok ? undefined : result.issues.map((issue) => issue.message).join(" ");
}

/**
 * What a new password needs, ticked off as it is typed, with the same check the server
 * runs (`core/auth/password-policy.ts`). Used as the password field's description, so it
 * is read with the field; a polite live region says when the state changes.
 */
export function PasswordRequirements(props: { password: string; context: PasswordContext }) {
  const failing = createMemo(() => {
    const result = checkPasswordPolicy(props.password, props.context);
    return new Set<PasswordIssueCode>(result.ok ? [] : result.issues.map((issue) => issue.code));
  });
  // without the name and email (a reset link), only the server can check that one
  const knowsPerson = () => Boolean(props.context.email?.trim() || props.context.name?.trim());
  const checkable = () =>
    REQUIREMENTS.filter(
      (requirement) => knowsPerson() || !requirement.codes.includes("contains_personal_info"),
    );
  const met = (requirement: Requirement) =>
    props.password.length > 0 &&
    checkable().includes(requirement) &&
    !requirement.codes.some((code) => failing().has(code));
  const metCount = () => checkable().filter(met).length;
  const summary = () => {
    if (props.password.length === 0) return "";
    if (metCount() < checkable().length)
      return `The password meets ${metCount()} of ${checkable().length} requirements.`;
    return checkable().length === REQUIREMENTS.length
      ? "The password meets every requirement."
      : "The password meets the requirements that can be checked here.";
  };

  return (
    <>
      <span class="ds-visually-hidden">Your password needs:</span>
      <ul class="password-requirements">
        <For each={REQUIREMENTS}>
          {(requirement) => (
            <li class="password-requirements__item" classList={{ "is-met": met(requirement) }}>
              <Icon name={met(requirement) ? "check-circle" : "info"} size={16} />
              <span>{requirement.label}</span>
              <span class="ds-visually-hidden">{met(requirement) ? " (done)" : ""}</span>
            </li>
          )}
        </For>
      </ul>
      <span class="ds-visually-hidden" aria-live="polite">
        {summary()}
      </span>
    </>
  );
}
