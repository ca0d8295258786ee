import { createUniqueId, Show } from "solid-js";
import { Icon } from "~ds/icons/Icon";
import { staffUser } from "../auth/staff-session";
import "./two-factor-banner.css";

/**
 * Where a staff member sets up two-factor authentication: the user app's security page
 * (same origin, same session cookies), which links back here afterwards.
 */
export const MFA_SETUP_PATH = "/account/security?next=/admin/";

/**
 * Tells a staff member without two-factor authentication that sensitive actions need it,
 * before they find out by being refused. Operators (token) and enrolled staff see nothing.
 */
export function TwoFactorBanner() {
  const titleId = createUniqueId();
  return (
    <Show when={staffUser()?.mfa_enabled === false}>
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
