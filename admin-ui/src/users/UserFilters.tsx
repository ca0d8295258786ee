import { USER_STATUSES } from "~core/auth/identity";
import { ROLES } from "~core/auth/permissions";
import { PLANS } from "~core/plans/entitlements";
import { roleLabel } from "../auth/admin-session";
import { filterOptions, type SelectFilter, SelectFilters } from "../lists/SelectFilters";
import { USER_STATUS_LABELS } from "../standing/labels";
import { PLAN_LABELS } from "./labels";
import type { UserFilterName, UserListSearch } from "./user-list-view";

/** "" leaves a filter out of the URL query. */
const ANY = "";

type SelectName = Extract<UserFilterName, "status" | "plan" | "role" | "has_mfa">;

const FILTERS: SelectFilter<SelectName>[] = [
  {
    name: "status",
    label: "Status",
    options: filterOptions(
      { value: ANY, label: "Any status" },
      USER_STATUSES,
      (value) => USER_STATUS_LABELS[value],
    ),
  },
  {
    name: "plan",
    label: "Plan",
    options: filterOptions({ value: ANY, label: "Any plan" }, PLANS, (value) => PLAN_LABELS[value]),
  },
  {
    name: "role",
    label: "Role",
    options: filterOptions({ value: ANY, label: "Any role" }, ROLES, roleLabel),
  },
  {
    name: "has_mfa",
    label: "Two-factor",
    options: [
      { value: ANY, label: "With or without" },
      { value: "true", label: "Two-factor on" },
      { value: "false", label: "Two-factor off" },
    ],
  },
];

/** The list's select filters; each change applies at once (and goes back to page 1). */
export function UserSelectFilters(props: {
  search: UserListSearch;
  onChange: (name: UserFilterName, value: string) => void;
}) {
  return (
    <SelectFilters
      class="users-filters"
      filters={FILTERS}
      value={(name) => props.search[name] ?? ANY}
      onChange={props.onChange}
    />
  );
}
