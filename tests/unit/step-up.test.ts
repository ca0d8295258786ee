import { describe, expect, it } from "vitest";
import { judgeSession, STEP_UP_MAX_AGE_MS, stepUpMethods } from "../../core/auth/step-up";

const NOW = 1_800_000_000_000;

describe("judgeSession", () => {
  it("accepts a proof up to exactly the window and calls anything older stale", () => {
    const fresh = { authTime: NOW - STEP_UP_MAX_AGE_MS, mfa: false };
    expect(judgeSession(fresh, { secondFactor: false }, NOW)).toBe("ok");
    expect(
      judgeSession({ ...fresh, authTime: fresh.authTime - 1 }, { secondFactor: false }, NOW),
    ).toBe("stale");
  });

  it("asks for a second factor before looking at age when one is needed", () => {
    expect(judgeSession({ authTime: NOW, mfa: false }, { secondFactor: true }, NOW)).toBe(
      "mfa_required",
    );
    expect(judgeSession({ authTime: NOW, mfa: true }, { secondFactor: true }, NOW)).toBe("ok");
    expect(
      judgeSession(
        { authTime: NOW - STEP_UP_MAX_AGE_MS - 1, mfa: true },
        { secondFactor: true },
        NOW,
      ),
    ).toBe("stale");
  });
});

describe("stepUpMethods", () => {
  it("never offers the password alone to an account with a second factor", () => {
    expect(stepUpMethods({ mfaEnabled: true, hasPassword: true, hasPasskey: false })).toEqual([
      "totp",
      "recovery_code",
    ]);
    expect(stepUpMethods({ mfaEnabled: false, hasPassword: true, hasPasskey: false })).toEqual([
      "password",
    ]);
  });

  it("adds passkeys, and leaves an account without password or factors nothing but signing in again", () => {
    expect(stepUpMethods({ mfaEnabled: false, hasPassword: true, hasPasskey: true })).toEqual([
      "password",
      "passkey",
    ]);
    expect(stepUpMethods({ mfaEnabled: false, hasPassword: false, hasPasskey: false })).toEqual([]);
  });
});
