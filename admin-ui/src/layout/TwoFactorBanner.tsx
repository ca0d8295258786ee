import { createResource, createUniqueId, Show } from "solid-js";
import { fetchStepUpMethods } from "~kit/api/mfa";
import { Icon } from "~kit/design-system/icons/Icon";
import { staffApi, staffUser } from "../auth/staff-session";
import "./two-factor-banner.css";

/**
 * Where a staff member sets up two-factor authentication: the user app's security page
 * (same origin, same session cookies), which links back here afterwards.
 */
export const MFA_SETUP_PATH = "/account/security?next=/admin/";

/**
 * Tells a staff member without a second factor that sensitive actions need one, before they
 * find out by being refused. Operators (token), staff with an authenticator app and staff
 * with a passkey (which the step-up dialog accepts) see nothing.
 */
export function TwoFactorBanner() {
  const titleId = createUniqueId();
  const [secondFactor] = createResource(
    () => (staffUser()?.mfa_enabled === false ? staffUser()?.id : undefined),
    async () => {
      const { methods } = await fetchStepUpMethods(staffApi);
      return methods.includes("passkey");
    },
  );
  return (
    <Show
      when={
        // unknown whether a passkey exists: better to say too much than to say nothing
        secondFactor.state === "errored" || (secondFactor.state === "ready" && !secondFactor())
      }
    >
      <div class="ds-container admin-mfa-banner">
        <section class="ds-alert ds-alert--warning" aria-labelledby={titleId}>
          <Icon name="shield" class="ds-alert__icon" />
          <div class="ds-alert__content">
            <p id={titleId} class="ds-alert__title">
              Two-factor authentication is off
            </p>
            <p class="ds-alert__body admin-mfa-banner__text">
              Sensitive actions — pausing runs, backups, bans, refunds — need two-factor
              authentication. <a href={MFA_SETUP_PATH}>Set it up</a>
            </p>
          </div>
        </section>
      </div>
    </Show>
  );
}
