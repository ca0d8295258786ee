import { USER_STATUSES } from "~core/auth/identity";
import { ROLES } from "~core/auth/permissions";
import { PLANS } from "~core/plans/entitlements";
import { Select, type SelectOption } from "~kit/design-system/components/Select";
import { roleLabel } from "../auth/admin-session";
import { USER_STATUS_LABELS } from "../standing/labels";
import { PLAN_LABELS } from "./labels";
import type { UserFilterName, UserListSearch } from "./user-list-view";

/** "" leaves a filter out of the URL query. */
const ANY = "";

const options = (all: string, values: readonly string[], label: (value: string) => string) => [
  { value: ANY, label: all },
  ...values.map((value) => ({ value, label: label(value) })),
];

const STATUS_OPTIONS: SelectOption[] = options(
  "Any status",
  USER_STATUSES,
  (value) => USER_STATUS_LABELS[value as keyof typeof USER_STATUS_LABELS],
);
const PLAN_OPTIONS: SelectOption[] = options(
  "Any plan",
  PLANS,
  (value) => PLAN_LABELS[value as keyof typeof PLAN_LABELS],
);
const ROLE_OPTIONS: SelectOption[] = options("Any role", ROLES, roleLabel);
const MFA_OPTIONS: SelectOption[] = [
  { value: ANY, label: "With or without" },
  { value: "true", label: "Two-factor on" },
  { value: "false", label: "Two-factor off" },
];

/** The list's select filters; each change applies at once (and goes back to page 1). */
export function UserSelectFilters(props: {
  search: UserListSearch;
  onChange: (name: UserFilterName, value: string) => void;
}) {
  return (
    <div class="users-filters">
      <Select
        label="Status"
        options={STATUS_OPTIONS}
        value={props.search.status ?? ANY}
        onChange={(value) => props.onChange("status", value)}
      />
      <Select
        label="Plan"
        options={PLAN_OPTIONS}
        value={props.search.plan ?? ANY}
        onChange={(value) => props.onChange("plan", value)}
      />
      <Select
        label="Role"
        options={ROLE_OPTIONS}
        value={props.search.role ?? ANY}
        onChange={(value) => props.onChange("role", value)}
      />
      <Select
        label="Two-factor"
        options={MFA_OPTIONS}
        value={props.search.has_mfa ?? ANY}
        onChange={(value) => props.onChange("has_mfa", value)}
      />
    </div>
  );
}
