import { PERMISSIONS, type Permission, type Role } from "../../core/auth/permissions";
import type { UserRow } from "../../db/schema";

/**
 * Who is calling: the operator (automation and the admin app's operator sign-in, holding
 * every permission) or a signed-in person identified by an access JWT.
 */
export type Principal =
  | { kind: "operator"; id: "operator"; role: "super_admin"; permissions: readonly Permission[] }
  | {
      kind: "user";
      id: `user:${string}`;
      userId: string;
      email: string;
      role: Role;
      permissions: readonly string[];
      tokenId: string;
      tokenExpiresAt: number;
      /** The session (refresh-token family) the token belongs to, if any. */
      sessionId: string | null;
      /** Signed in with a second factor. */
      mfa: boolean;
      /** When the session last proved who it is (sign-in or step-up), in ms. */
      authTime: number;
      /** How the token arrived: cookie-borne requests are the ones CSRF can forge. */
      via: "header" | "cookie";
      /**
       * The account as the session check read it during this request (null for a token that
       * names no session): read it here rather than again.
       */
      account: UserRow | null;
      /**
       * Set when a staff member views this account read-only (README "Impersonation"): the
       * server refuses every state-changing request, and audit entries name the staff member.
       */
      impersonation?: {
        id: string;
        /** The staff member's actor id (`user:{id}` or `operator`) and current role. */
        staffId: string;
        staffRole: Role;
        /** The staff member's own session, which the CSRF token of the Stop button is bound to. */
        staffSessionId: string | null;
        expiresAt: number;
      };
    };

export const OPERATOR: Principal = {
  kind: "operator",
  id: "operator",
  role: "super_admin",
  permissions: PERMISSIONS,
};
