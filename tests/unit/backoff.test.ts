import { describe, expect, it } from "vitest";
import { backoffDelaySeconds } from "../../core/queue/backoff";

const fixed = (value: number) => () => value;

describe("backoffDelaySeconds", () => {
  it("waits between half and all of the base delay on the first attempt", () => {
    expect(backoffDelaySeconds(1, { random: fixed(0) })).toBe(3);
    expect(backoffDelaySeconds(1, { random: fixed(0.999_999) })).toBe(5);
  });

  it("doubles the ceiling with every attempt", () => {
    const lows = [1, 2, 3, 4, 5].map((attempt) =>
      backoffDelaySeconds(attempt, { random: fixed(0) }),
    );
    const highs = [1, 2, 3, 4, 5].map((attempt) =>
      backoffDelaySeconds(attempt, { random: fixed(0.999_999) }),
    );
    expect(lows).toEqual([3, 5, 10, 20, 40]);
    expect(highs).toEqual([5, 10, 20, 40, 80]);
  });

  it("never goes beyond the cap, however many attempts", () => {
    expect(backoffDelaySeconds(50, { random: fixed(0.999_999) })).toBe(900);
    expect(backoffDelaySeconds(50, { random: fixed(0) })).toBe(450);
    expect(backoffDelaySeconds(4, { maxSeconds: 12, random: fixed(0.999_999) })).toBe(12);
  });

  it("stays within [ceiling / 2, ceiling] for any random value", () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(900, 5 * 2 ** (attempt - 1));
      for (const r of [0, 0.25, 0.5, 0.75, 0.999]) {
        const delay = backoffDelaySeconds(attempt, { random: fixed(r) });
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it("treats attempt 0, negative and fractional attempts like the floor, at least the first", () => {
    for (const attempt of [0, -3, 1.9]) {
      expect(backoffDelaySeconds(attempt, { random: fixed(0) })).toBe(3);
    }
    expect(backoffDelaySeconds(2.7, { random: fixed(0) })).toBe(5);
  });

  it("never returns less than one second", () => {
    expect(backoffDelaySeconds(1, { baseSeconds: 0.1, random: fixed(0) })).toBe(1);
    expect(backoffDelaySeconds(1, { baseSeconds: 0, random: fixed(0) })).toBe(1);
  });

  it("is deterministic for an injected random source", () => {
    const a = backoffDelaySeconds(6, { random: fixed(0.3) });
    const b = backoffDelaySeconds(6, { random: fixed(0.3) });
    expect(a).toBe(b);
    expect(a).toBe(Math.round(80 + 0.3 * 80));
  });
});
