import { describe, expect, it } from "vitest";
import { errorBody } from "../../api/lib/envelope";
import { ERROR_CODES, errorEnvelopeSchema } from "../../core/contract/envelope";
import { isEnvelope } from "../../ui-kit/api/envelope";

/**
 * Every code `AppError` is thrown with is an `ErrorCode` by its type, so that needs no test;
 * what does is that the envelope the API builds is the one the contract documents and the
 * apps read.
 */
describe("the error envelope contract", () => {
  it("documents every error body the API builds, one per code", () => {
    for (const code of ERROR_CODES) {
      const body = errorBody("req-1", code, "message", { field: "x" });
      expect(errorEnvelopeSchema.parse(body)).toEqual(body);
      expect(isEnvelope(body)).toBe(true);
    }
  });

  it("lists each code once", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it("refuses a code that is not in the list", () => {
    const body = {
      ...errorBody("req-1", "not_found", "m"),
      error: { code: "nope", message: "m", details: null },
    };
    expect(errorEnvelopeSchema.safeParse(body).success).toBe(false);
  });
});
