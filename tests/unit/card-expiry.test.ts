import { describe, expect, it } from "vitest";
import { parseCardExpiry } from "../../core/billing/card-expiry";

const dec2026 = Date.UTC(2026, 11, 7, 23, 30);

describe("parseCardExpiry", () => {
  it("reads MM/YY and MM/YYYY as printed on the card", () => {
    expect(parseCardExpiry("12/30", dec2026)).toEqual({
      ok: true,
      expiry: { month: 12, year: 2030 },
    });
    expect(parseCardExpiry(" 1 / 2031 ", dec2026)).toEqual({
      ok: true,
      expiry: { month: 1, year: 2031 },
    });
  });

  it("takes the current month as still valid and refuses earlier ones", () => {
    expect(parseCardExpiry("12/26", dec2026).ok).toBe(true);
    expect(parseCardExpiry("11/26", dec2026)).toEqual({
      ok: false,
      message: "This card has expired.",
    });
    expect(parseCardExpiry("12/25", dec2026).ok).toBe(false);
  });

  it("refuses what is not a month and year", () => {
    for (const text of ["13/30", "00/30", "1230", "12/3", "ab/cd", ""]) {
      expect(parseCardExpiry(text, dec2026), text).toEqual({
        ok: false,
        message: "Enter the expiry as MM/YY.",
      });
    }
  });
});
