import { createApiClient } from "~shared/api/client";
import { operatorToken, signOutOperator } from "../auth/operator-session";

/**
 * API client of the admin app: every request carries the operator token, and a 401 means
 * the token is no longer accepted, so it is forgotten and the sign-in form returns.
 */
export const adminApi = createApiClient({
  bearerToken: operatorToken,
  onUnauthorized: () =>
    signOutOperator("The operator token was not accepted. Sign in again to continue."),
});
