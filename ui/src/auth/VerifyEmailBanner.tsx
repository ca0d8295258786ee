import type { User } from "~kit/api/auth";
import { Alert } from "~kit/design-system/components/Alert";
import { ResendVerification } from "./ResendVerification";

/** Shown to a signed-in person whose address is not confirmed yet. */
export function VerifyEmailBanner(props: { user: User }) {
  return (
    <Alert tone="warning" title="Confirm your email address">
      <p>
        We sent a link to <strong>{props.user.email}</strong>. Open it to confirm the address:
        accounts that are not confirmed within 7 days are removed. The email may take a minute to
        arrive; check your spam folder too.
      </p>
      <ResendVerification />
    </Alert>
  );
}
