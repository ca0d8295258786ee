import { describe, expect, it } from "vitest";
import { ApiError } from "../../ui-kit/api/envelope";
import { isStepUpRequest, needsStepUp, stepUpDemand } from "../../ui-kit/step-up/demand";
import { createStepUpController } from "../../ui-kit/step-up/step-up";

describe("which answers the step-up dialog handles", () => {
  it("step_up_required and mfa_required 403s, not other refusals", () => {
    expect(needsStepUp(new ApiError(403, "step_up_required", "x"))).toBe(true);
    expect(needsStepUp(new ApiError(403, "mfa_required", "x"))).toBe(true);
    expect(needsStepUp(new ApiError(403, "forbidden", "x"))).toBe(false);
    expect(needsStepUp(new ApiError(401, "step_up_required", "x"))).toBe(false);
    expect(needsStepUp(new Error("step_up_required"))).toBe(false);
  });

  it("never for the step-up requests themselves", () => {
    expect(isStepUpRequest("/api/auth/step-up")).toBe(true);
    expect(isStepUpRequest("/api/auth/passkeys/step-up/verify")).toBe(true);
    expect(isStepUpRequest("/api/admin/backups")).toBe(false);
  });
});

describe("stepUpDemand", () => {
  it("reads step_up_required details, keeping only known methods", () => {
    const error = new ApiError(403, "step_up_required", "x", {
      max_age_seconds: 900,
      second_factor: false,
      methods: ["password", "passkey", "carrier-pigeon"],
    });
    expect(stepUpDemand(error)).toEqual({
      reason: "step_up_required",
      secondFactor: false,
      methods: ["password", "passkey"],
    });
  });

  it("mfa_required needs a second factor: the password is not offered", () => {
    const listed = new ApiError(403, "mfa_required", "x", { methods: ["totp", "password"] });
    expect(stepUpDemand(listed)).toEqual({
      reason: "mfa_required",
      secondFactor: true,
      methods: ["totp"],
    });
    // without a list the dialog asks GET /api/auth/mfa
    expect(stepUpDemand(new ApiError(403, "mfa_required", "x")).methods).toBeNull();
  });
});

describe("createStepUpController", () => {
  it("requests refused while the dialog is open share its one answer", async () => {
    const controller = createStepUpController();
    const first = controller.ask(new ApiError(403, "step_up_required", "a"));
    const second = controller.ask(new ApiError(403, "step_up_required", "b"));
    expect(controller.pending()?.message).toBe("a");
    controller.settle(true);
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    expect(controller.pending()).toBeNull();
    // the next refusal opens it again
    const third = controller.ask(new ApiError(403, "mfa_required", "c"));
    controller.settle(false);
    await expect(third).resolves.toBe(false);
  });
});
