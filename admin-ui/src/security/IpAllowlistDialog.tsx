import { createSignal } from "solid-js";
import { Textarea } from "~kit/design-system/components/Textarea";
import { describeError } from "~kit/forms/describe-error";
import { adminApi } from "../api/admin-api";
import { type IpAllowlist, replaceIpAllowlist } from "../api/admin-security";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { allowlistText, checkAllowlistDraft, isAllowlistRefusal } from "./allowlist-draft";

/**
 * Replaces the super admins' IP allowlist: checked before sending, sent through the step-up
 * action dialog (an `Idempotency-Key`, maybe a fresh second factor). A list that would shut out
 * the address in use is refused by the server and said on the field.
 */
export function IpAllowlistDialog(props: {
  current: IpAllowlist;
  onClose: () => void;
  onSaved: (saved: IpAllowlist) => void;
}) {
  const [text, setText] = createSignal(allowlistText(props.current.ranges));
  const [issue, setIssue] = createSignal<string | null>(null);

  function check() {
    const checked = checkAllowlistDraft(text());
    setIssue(checked.ok ? null : checked.issue);
    return checked.ok ? checked.request : null;
  }

  return (
    <StepUpActionDialog
      title="Edit the super admin IP allowlist"
      description="Super admins can sign in and use the admin console only from these addresses. Leave it empty to allow every address."
      formLabel="Super admin IP allowlist"
      submitLabel="Save the allowlist"
      failureTitle="Not saved"
      check={check}
      send={async (request, key) => props.onSaved(await replaceIpAllowlist(adminApi, request, key))}
      placeRefusal={(cause) => {
        if (!isAllowlistRefusal(cause)) return false;
        setIssue(describeError(cause));
        return true;
      }}
      onClose={props.onClose}
    >
      <Textarea
        label="Addresses and ranges"
        description={`One IPv4 or IPv6 address or CIDR range a line (up to /16 for IPv4, /32 for IPv6). Your address now: ${props.current.your_address ?? "unknown"}.`}
        placeholder="198.51.100.0/24"
        value={text()}
        onChange={setText}
        error={issue() ?? undefined}
        rows={6}
      />
    </StepUpActionDialog>
  );
}
