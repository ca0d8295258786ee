import { adminApi } from "../api/admin-api";
import { type IpBanView, liftAddressBan } from "../api/bans";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";

/**
 * Asks before lifting an address ban, then lifts it through the step-up action dialog (an
 * `Idempotency-Key`, maybe a fresh second factor). Nothing to fill in: the check passes the id.
 */
export function LiftIpBanDialog(props: {
  ban: IpBanView;
  onClose: () => void;
  onLifted: (ban: IpBanView) => void;
}) {
  return (
    <StepUpActionDialog
      title={`Lift the ban of ${props.ban.range}`}
      description="Registration and sign-in from it are allowed again at once. The lift is recorded in the audit log."
      formLabel="Lift the address ban"
      submitLabel="Lift the ban"
      failureTitle="Not lifted"
      check={() => props.ban.id}
      send={async (id, key) => props.onLifted(await liftAddressBan(adminApi, id, key))}
      onClose={props.onClose}
    />
  );
}
