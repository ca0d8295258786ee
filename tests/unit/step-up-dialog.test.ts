import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "../../ui/src/shared/api/client";
import { ApiError } from "../../ui/src/shared/api/envelope";
import { STEP_UP_PATH, stepUpDemand } from "../../ui/src/shared/api/mfa";
import { createStepUpController } from "../../ui/src/shared/step-up/step-up";

const meta = { timestamp: "2026-01-01T00:00:00Z", request_id: "r" };
const ok = (data: unknown) =>
  new Response(JSON.stringify({ success: true, data, meta }), { status: 200 });
const refused = (code: string, details: unknown = null) =>
  new Response(JSON.stringify({ success: false, error: { code, message: code, details }, meta }), {
    status: 403,
  });

/** fetch answering each call with the next response, recording the paths asked for. */
function stubFetch(...responses: Response[]) {
  const paths: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (path: string) => {
      paths.push(path);
      const next = responses.shift();
      if (!next) throw new Error(`unexpected request to ${path}`);
      return next;
    }),
  );
  return paths;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the API client's step-up hook", () => {
  it("asks once on step_up_required and sends the refused request again after a step-up", async () => {
    const paths = stubFetch(refused("step_up_required"), ok({ started: true }));
    const onStepUp = vi.fn(async () => true);
    const api = createApiClient({ onStepUp });
    await expect(api.post("/api/admin/backups")).resolves.toEqual({ started: true });
    expect(onStepUp).toHaveBeenCalledTimes(1);
    expect((onStepUp.mock.calls[0] as unknown[])[0]).toMatchObject({ code: "step_up_required" });
    expect(paths).toEqual(["/api/admin/backups", "/api/admin/backups"]);
  });

  it("gives the caller the 403 when the person cancels", async () => {
    const paths = stubFetch(refused("mfa_required"));
    const api = createApiClient({ onStepUp: async () => false });
    await expect(api.post("/api/admin/backups")).rejects.toMatchObject({
      status: 403,
      code: "mfa_required",
    });
    expect(paths).toHaveLength(1);
  });

  it("retries only once: a second refusal goes to the caller", async () => {
    stubFetch(refused("step_up_required"), refused("step_up_required"));
    const onStepUp = vi.fn(async () => true);
    const api = createApiClient({ onStepUp });
    await expect(api.post("/api/admin/backups")).rejects.toBeInstanceOf(ApiError);
    expect(onStepUp).toHaveBeenCalledTimes(1);
  });

  it("never steps up the step-up requests themselves, nor other 403s", async () => {
    stubFetch(refused("step_up_required"), refused("forbidden"));
    const onStepUp = vi.fn(async () => true);
    const api = createApiClient({ onStepUp });
    await expect(api.post(STEP_UP_PATH, { code: "123456" })).rejects.toMatchObject({
      code: "step_up_required",
    });
    await expect(api.post("/api/admin/backups")).rejects.toMatchObject({ code: "forbidden" });
    expect(onStepUp).not.toHaveBeenCalled();
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
